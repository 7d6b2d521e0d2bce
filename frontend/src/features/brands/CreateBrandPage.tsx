import { useEffect } from 'react';
import { App, Button, Card, Form } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, fieldErrors } from '../../api/problem';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useOrganizationRef } from '../../components/referenceData';
import { ForbiddenState } from '../../components/states';
import { useCurrentUser } from '../../session/context';
import { canRegisterBrands } from '../../session/roles';
import { useCreateBrand } from './api';
import { BrandFields } from './BrandFields';
import { formFieldOf, toNewBrand, type BrandFormValues } from './brandForm';

/** 登记品牌: a draft brand of one organization (an org member's own, fixed), in one of the three lines. */
export function CreateBrandPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [form] = Form.useForm<BrandFormValues>();
  const create = useCreateBrand();
  const member = user.role === 'org_member';
  const ownOrg = useOrganizationRef(member ? user.organization_id : null);

  useEffect(() => {
    if (ownOrg.data) form.setFieldValue('owner', { value: ownOrg.data.id, label: ownOrg.data.name });
  }, [ownOrg.data, form]);

  if (!canRegisterBrands(user.role)) return <ForbiddenState />;

  const submit = async () => {
    const values = await form.validateFields();
    create.mutate(toNewBrand(values), {
      onSuccess: (b) => {
        void message.success(t('brand.created'));
        navigate(`/brands/${b.id}`);
      },
      onError: (e) => {
        const fields = fieldErrors(e).map((f) => ({ name: formFieldOf(f.name), errors: f.errors }));
        if (fields.length > 0) form.setFields(fields);
      },
    });
  };

  return (
    <>
      <PageHeader
        title={t('brand.createTitle')}
        extra={
          <Link to="/brands">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <Card style={{ maxWidth: 820 }}>
        {create.isError && !(create.error instanceof ApiError && create.error.errors.length > 0) && <ProblemAlert error={create.error} />}
        <Form<BrandFormValues>
          form={form}
          layout="vertical"
          name="brand"
          data-testid="brand-form"
          initialValues={{ focus: [], partners: [] }}
          onFinish={() => void submit()}
        >
          <Form.Item label={t('brand.owner')} name="owner" rules={[{ required: true, message: t('brand.required') }]}>
            <OrganizationSelect testId="brand-owner" disabled={member && !!ownOrg.data} />
          </Form.Item>
          <BrandFields />
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="brand-submit">
            {t('brand.create')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
