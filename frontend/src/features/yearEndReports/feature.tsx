import { FileDoneOutlined, FundProjectionScreenOutlined } from '@ant-design/icons';
import { lazyPage, type Feature } from '../../app/feature';
import { canReadYearEndBoard, canReadYearEndReports } from '../../session/roles';

// 年度报告 (每年底报送): each province's report of the year — written and signed by its two
// departments' officers, submitted, returned with comments or accepted by the nation — and the
// national board of the year's reports (报送进度). Other roles get 403 from the API: no menu for them.
export const feature: Feature = {
  routes: [
    { path: 'year-end-reports', lazy: lazyPage(() => import('./YearEndReportsPage'), 'YearEndReportsPage', canReadYearEndReports) },
    { path: 'year-end-reports/board', lazy: lazyPage(() => import('./YearEndBoardPage'), 'YearEndBoardPage', canReadYearEndBoard) },
    { path: 'year-end-reports/:id', lazy: lazyPage(() => import('./YearEndReportPage'), 'YearEndReportPage', canReadYearEndReports) },
  ],
  menu: [
    // after 组织培训, with the coordinators' other yearly work
    { key: 'year-end-reports', path: '/year-end-reports', labelKey: 'yearEnd.menu', icon: <FileDoneOutlined aria-hidden />, visible: canReadYearEndReports, order: 106 },
    { key: 'year-end-board', path: '/year-end-reports/board', labelKey: 'yearEnd.boardMenu', icon: <FundProjectionScreenOutlined aria-hidden />, visible: canReadYearEndBoard, order: 107 },
  ],
};
