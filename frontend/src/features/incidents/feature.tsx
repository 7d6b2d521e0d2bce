import { AlertOutlined, RadarChartOutlined, SafetyOutlined } from '@ant-design/icons';
import { lazyPage, type Feature, type MenuGroup } from '../../app/feature';
import { canReadIncidents, canReadRisks } from '../../session/roles';

/** 风险防范: incidents and the risk view, in one submenu after the projects. */
const group: MenuGroup = { key: 'risk', labelKey: 'incidents.group', icon: <SafetyOutlined aria-hidden /> };

// 事件处置 (incidents: reported, handled with a log, resolved and closed) and 风险研判 (the risk
// view of a coordinator's area). The report form and the incidents' tags live in
// components/incidents, as the organization and project pages show and report them too.
export const feature: Feature = {
  routes: [
    { path: 'incidents', lazy: lazyPage(() => import('./IncidentsPage'), 'IncidentsPage', canReadIncidents) },
    { path: 'incidents/:id', lazy: lazyPage(() => import('./IncidentDetailPage'), 'IncidentDetailPage', canReadIncidents) },
    { path: 'risks', lazy: lazyPage(() => import('./RisksPage'), 'RisksPage', canReadRisks) },
  ],
  menu: [
    { key: 'incidents', path: '/incidents', labelKey: 'incidents.menu', icon: <AlertOutlined aria-hidden />, visible: canReadIncidents, order: 82, group },
    { key: 'risks', path: '/risks', labelKey: 'risks.menu', icon: <RadarChartOutlined aria-hidden />, visible: canReadRisks, order: 83, group },
  ],
};
