-- The login names are not kept: the rewrite is not undone (the display names stay readable).
SELECT 1;
