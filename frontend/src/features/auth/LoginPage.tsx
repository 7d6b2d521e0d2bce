import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, TrophyOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ApiError, problemMessage, type Translate } from '../../api/problem';
import { useSession } from '../../session/context';
import { LanguageSwitch } from '../../components/LanguageSwitch';

/**
 * A failed login: the server's message (already in the UI language, sent as Accept-Language),
 * or our own words when it gives none; 429 says how long to wait (Retry-After).
 */
export function loginErrorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.status === 401) return error.detail || t('login.wrongCredentials');
  return problemMessage(error, t);
}

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { status, ended, login } = useSession();
  const [params] = useSearchParams();
  // the server's message is in the language of the attempt: hide it once the UI language changes
  const [failure, setFailure] = useState<{ error: unknown; language: string } | null>(null);
  const error = failure && failure.language === i18n.language ? failure.error : null;
  const [submitting, setSubmitting] = useState(false);

  if (status === 'authenticated') {
    const next = params.get('next');
    return <Navigate to={next && next.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;
  }

  async function onFinish(values: LoginForm) {
    setSubmitting(true);
    setFailure(null);
    try {
      await login(values.username, values.password);
    } catch (e) {
      setFailure({ error: e, language: i18n.language });
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Flex vertical justify="center" align="center" gap={16} style={{ minHeight: '100vh', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')} · {t('login.title')}
          </Typography.Title>
          <LanguageSwitch />
        </Flex>
        <Typography.Paragraph type="secondary">{t('app.fullName')}</Typography.Paragraph>
        {ended && error === null && (
          <Alert type="warning" showIcon data-testid="session-ended" title={t(ended === 'expired' ? 'login.expired' : 'login.endedElsewhere')} style={{ marginBottom: 16 }} />
        )}
        {error !== null && (
          <Alert type="error" showIcon role="alert" title={loginErrorMessage(error, t)} style={{ marginBottom: 16 }} />
        )}
        <Form<LoginForm> name="login" layout="vertical" onFinish={onFinish} requiredMark={false} data-testid="login-form">
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <Link to="/showcase" data-testid="showcase-link">
        <TrophyOutlined /> {t('login.showcaseLink')}
      </Link>
    </Flex>
  );
}
