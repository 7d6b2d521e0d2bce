import { Card, Flex, Select, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { RepeatedOrganization, RiskProject, RiskQuery, Risks } from '../../api/types';
import { CountyPicker } from '../../components/CountyPicker';
import { ProjectStatusTag } from '../../components/EnumTags';
import { useFormatDateTime } from '../../components/format';
import { SeverityTag } from '../../components/incidents/IncidentTags';
import { PageHeader } from '../../components/PageHeader';
import { useProvinceOptions } from '../../components/referenceData';
import { EmptyState, QueryState } from '../../components/states';
import { useCurrentUser } from '../../session/context';
import { useRisks } from './api';
import { incidentsLink, RISK_REASON_COLOR, riskQueryFromSearch, riskReasons, severityRows, severityTotals, type SeverityRow } from './riskLogic';

/** The tables scroll sideways inside their cards: a phone never scrolls the page sideways. */
const CARD = { minWidth: 0 } as const;

/**
 * 风险研判: over the coordinator's area — a national admin may narrow it to a province and a county,
 * a province's officer to one of its counties — the open incidents by severity and age, the
 * organizations with repeated incidents, and the projects at risk with every reason.
 */
export function RisksPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const query = riskQueryFromSearch(params, user.role);
  const risks = useRisks(query);
  const provinces = useProvinceOptions();

  const set = (next: RiskQuery) => setParams(new URLSearchParams(Object.entries(next).filter((e): e is [string, string] => !!e[1])));

  return (
    <>
      <PageHeader title={t('risks.title')} subTitle={t('risks.subtitle')} />
      {user.role !== 'county_officer' && (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="risk-area">
          {user.role === 'national_admin' && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('risks.province')}
              data-testid="risk-province"
              placeholder={t('risks.allProvinces')}
              style={{ width: 160 }}
              value={query.province}
              // another province has other counties
              onChange={(v?: string) => set({ province: v })}
              options={provinces.data?.items.map((p) => ({ value: p.code, label: p.name }))}
            />
          )}
          <div style={{ width: 280, maxWidth: '100%' }}>
            <CountyPicker
              province={user.role === 'provincial_officer' ? (user.province_code ?? undefined) : query.province}
              value={query.county}
              onChange={(county) => set({ ...query, county })}
            />
          </div>
        </Flex>
      )}
      <QueryState query={risks}>
        {(r) => (
          <Flex vertical gap={24}>
            <OpenIncidents risks={r} area={query} />
            <RepeatedOrganizations rows={r.repeated_organizations} area={query} />
            <ProjectsAtRisk risks={r} />
          </Flex>
        )}
      </QueryState>
    </>
  );
}

function OpenIncidents({ risks, area }: { risks: Risks; area: RiskQuery }) {
  const { t } = useTranslation();
  const rows = severityRows(risks.open_incidents);
  const totals = severityTotals(rows);
  const count = (n: number, r: SeverityRow) =>
    n > 0 ? <Link to={incidentsLink(area, { open: 'true', severity: r.severity })}>{n}</Link> : <Typography.Text type="secondary">0</Typography.Text>;
  return (
    <Card
      title={t('risks.openIncidents')}
      size="small"
      style={CARD}
      data-testid="risk-open-incidents"
      extra={<Link to={incidentsLink(area, { open: 'true' })}>{t('risks.viewOpen')}</Link>}
    >
      <Flex gap={24} wrap align="flex-start">
        <Statistic title={t('risks.openTotal')} value={totals.total} valueRender={(v) => <span data-testid="risk-open-total">{v}</span>} />
        <Table<SeverityRow>
          style={{ flex: '1 1 320px', minWidth: 0 }}
          data-testid="risk-severity-table"
          rowKey="severity"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          columns={[
            { title: t('incidents.severityLabel'), dataIndex: 'severity', render: (s: SeverityRow['severity']) => <SeverityTag severity={s} /> },
            { title: t('risks.within7'), dataIndex: 'within7', align: 'right', render: count },
            { title: t('risks.within30'), dataIndex: 'within30', align: 'right', render: count },
            { title: t('risks.older'), dataIndex: 'older', align: 'right', render: count },
            { title: t('risks.total'), dataIndex: 'total', align: 'right', render: (n: number, r) => <strong>{count(n, r)}</strong> },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('risks.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{totals.within7}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{totals.within30}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{totals.older}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <strong>{totals.total}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Flex>
    </Card>
  );
}

function ProjectsAtRisk({ risks }: { risks: Risks }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const shown = risks.projects_at_risk.length;
  return (
    <Card
      title={t('risks.projects')}
      size="small"
      style={CARD}
      data-testid="risk-projects"
      extra={
        <Typography.Text data-testid="risk-projects-total">
          {t('risks.projectsTotal', { count: risks.projects_at_risk_total })}
        </Typography.Text>
      }
    >
      {risks.projects_at_risk_total > shown && (
        <Typography.Paragraph type="secondary">{t('risks.projectsShown', { shown })}</Typography.Paragraph>
      )}
      <Table<RiskProject>
        data-testid="risk-project-table"
        rowKey="project_id"
        size="small"
        pagination={shown > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        dataSource={risks.projects_at_risk}
        locale={{ emptyText: <EmptyState description={t('risks.noProjects')} /> }}
        columns={[
          {
            title: t('risks.project'),
            dataIndex: 'title',
            render: (title: string, p) => (
              <Typography.Text style={{ maxWidth: 'min(240px, 50vw)' }} ellipsis={{ tooltip: title }}>
                <Link to={`/projects/${p.project_id}`}>{title}</Link>
              </Typography.Text>
            ),
          },
          {
            title: t('risks.reasons'),
            key: 'reasons',
            render: (_, p) => (
              <Flex gap={4} wrap style={{ maxWidth: 'min(300px, 45vw)' }} data-testid="risk-reasons">
                {riskReasons(p).map((r) => (
                  <Tag key={r} color={RISK_REASON_COLOR[r]} style={{ marginInlineEnd: 0 }} data-testid="risk-reason" data-reason={r}>
                    {r === 'incidents' ? t('risks.reason.incidentsCount', { count: p.open_incidents }) : t(`risks.reason.${r}`)}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          { title: t('risks.county'), dataIndex: 'county_name' },
          { title: t('risks.status'), dataIndex: 'status', render: (s: RiskProject['status']) => <ProjectStatusTag status={s} /> },
          { title: t('risks.lastActivity'), dataIndex: 'last_activity_at', render: (at: string) => formatDateTime(at) },
        ]}
      />
    </Card>
  );
}

function RepeatedOrganizations({ rows, area }: { rows: RepeatedOrganization[]; area: RiskQuery }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <Card title={t('risks.repeated')} size="small" style={CARD} data-testid="risk-repeated">
      <Typography.Paragraph type="secondary">{t('risks.repeatedHint')}</Typography.Paragraph>
      <Table<RepeatedOrganization>
        data-testid="risk-repeated-table"
        rowKey="organization_id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        locale={{ emptyText: <EmptyState description={t('risks.noRepeated')} /> }}
        columns={[
          {
            title: t('risks.organization'),
            dataIndex: 'name',
            render: (name: string, o) => <Link to={`/organizations/${o.organization_id}`}>{name || o.organization_id}</Link>,
          },
          { title: t('risks.incidents'), dataIndex: 'incidents', align: 'right' },
          { title: t('risks.openCount'), dataIndex: 'open_incidents', align: 'right' },
          { title: t('risks.lastOccurred'), dataIndex: 'last_occurred_at', render: (at: string) => formatDateTime(at) },
          {
            title: t('common.actions'),
            key: 'incidents-link',
            render: (_, o) => (
              <Link to={incidentsLink(area, { organization: o.organization_id })} data-testid="risk-org-incidents">
                {t('risks.viewIncidents')}
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
