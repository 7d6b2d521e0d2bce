import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function KeyCountyTag() {
  const { t } = useTranslation();
  return (
    <Tag color="red" data-testid="key-county-tag">
      {t('county.keyCounty')}
    </Tag>
  );
}
