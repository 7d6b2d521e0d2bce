import { Button, Flex, Layout, Menu, Space, Tag, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useCurrentUser, useSession } from '../session/context';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { menuFor, selectedKey } from './menu';

export function Shell() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const items = menuFor(user.role).map((m) => ({ key: m.key, icon: m.icon, label: t(m.labelKey), path: m.path }));
  const selected = selectedKey(location.pathname);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="dark" width={200}>
        <div style={{ color: '#fff', padding: '16px 20px', fontSize: 18, fontWeight: 600 }}>
          {t('app.name')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          aria-label="main"
          selectedKeys={selected ? [selected] : []}
          items={items.map(({ key, icon, label }) => ({ key, icon, label }))}
          onClick={({ key }) => {
            const entry = items.find((i) => i.key === key);
            if (entry) navigate(entry.path);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', paddingInline: 24, borderBottom: '1px solid #f0f0f0' }}>
          <Flex justify="space-between" align="center" style={{ height: '100%' }}>
            <Typography.Text strong>{t('app.fullName')}</Typography.Text>
            <Space size="middle">
              <span data-testid="current-user">
                <UserOutlined /> {user.display_name}
              </span>
              <Tag color="blue" data-testid="current-role">
                {t(`role.${user.role}`)}
              </Tag>
              <LanguageSwitch />
              <Button
                icon={<LogoutOutlined />}
                onClick={() => {
                  void logout().then(() => navigate('/login', { replace: true }));
                }}
              >
                {t('header.logout')}
              </Button>
            </Space>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <div style={{ background: '#fff', padding: 24, borderRadius: 8, minHeight: 360 }}>
            <Outlet />
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
