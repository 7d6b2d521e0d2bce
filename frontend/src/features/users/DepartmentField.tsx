import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEPARTMENTS, type Department } from '../../api/types';

export const DEFAULT_DEPARTMENT: Department = 'rural_revitalization';

/**
 * 部门: 乡村振兴部门 or 民政部门, inside a user form whose values have `department`. Shown only for
 * the roles that belong to one (hasDepartment); 乡村振兴部门 unless chosen otherwise.
 */
export function DepartmentField() {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('user.department')} name="department" initialValue={DEFAULT_DEPARTMENT} tooltip={t('user.departmentHint')}>
      <Select<Department> data-testid="user-department" options={DEPARTMENTS.map((d) => ({ value: d, label: t(`department.${d}`) }))} />
    </Form.Item>
  );
}
