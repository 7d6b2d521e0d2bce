import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../../session/context';
import { canReviewCases } from '../../session/roles';

/** 案例列表 | 评审, for the coordinators who review; nothing for everyone else. */
export function CasesTabs({ active }: { active: 'list' | 'review' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  if (!canReviewCases(user.role)) return null;
  return (
    <Tabs
      activeKey={active}
      data-testid="cases-tabs"
      onChange={(key) => navigate(key === 'review' ? '/cases/review' : '/cases')}
      items={[
        { key: 'list', label: t('cases.tabList') },
        { key: 'review', label: t('cases.tabReview') },
      ]}
    />
  );
}
