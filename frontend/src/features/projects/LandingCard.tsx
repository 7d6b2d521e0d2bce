import { Alert, Card, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { landingMessageKey, landingState } from './projectLogic';

/**
 * Landing verification (落地核实): the organization declares, the county confirms; who, when, and
 * the note each wrote (the two `signed → landed` steps of the history, in order).
 */
export function LandingCard({ project }: { project: Pick<Project, 'status' | 'landing'> & { history?: Project['history'] } }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const state = landingState(project);
  const [declaredNote, confirmedNote] = (project.history ?? [])
    .filter((e) => e.from_status === 'signed' && e.to_status === 'landed')
    .map((e) => e.note);
  const messageKey = landingMessageKey(project);
  const { landing } = project;
  return (
    <Card title={t('project.landingTitle')} size="small" data-testid="landing-block">
      {messageKey && (
        <Alert
          type={state === 'confirmed' ? 'success' : state === 'declared' ? 'warning' : 'info'}
          showIcon
          title={<span data-testid="landing-message">{t(messageKey)}</span>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Steps
        orientation="vertical"
        size="small"
        current={state === 'confirmed' ? 2 : state === 'declared' ? 1 : 0}
        items={[
          {
            title: t('project.landingDeclaredStep'),
            content: landing.declared_at ? (
              <span data-testid="landing-declared">
                <Typography.Text strong>{landing.declared_by}</Typography.Text> · {formatDateTime(landing.declared_at)}
                {declaredNote && <Typography.Paragraph data-testid="landing-declared-note" style={{ margin: '4px 0 0' }}>{declaredNote}</Typography.Paragraph>}
              </span>
            ) : (
              <Typography.Text type="secondary">{t('project.landingPendingOrg')}</Typography.Text>
            ),
          },
          {
            title: t('project.landingConfirmedStep'),
            content: landing.confirmed_at ? (
              <span data-testid="landing-confirmed">
                <Typography.Text strong>{landing.confirmed_by}</Typography.Text> · {formatDateTime(landing.confirmed_at)}
                {confirmedNote && <Typography.Paragraph data-testid="landing-confirmed-note" style={{ margin: '4px 0 0' }}>{confirmedNote}</Typography.Paragraph>}
              </span>
            ) : (
              <Typography.Text type="secondary">{t('project.landingPendingCounty')}</Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
