DROP TABLE project_month_rollup;
DROP TABLE project_rollup;
