import { Button, Flex, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { LogoutOutlined, TrophyOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
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
  // on a phone the header keeps its icons and the user's name; the page keeps its width
  const narrow = Grid.useBreakpoint().xs === true;

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
        <Layout.Header style={{ background: '#fff', paddingInline: narrow ? 12 : 24, borderBottom: '1px solid #f0f0f0' }}>
          <Flex justify="space-between" align="center" gap={8} style={{ height: '100%' }}>
            {!narrow && <Typography.Text strong>{t('app.fullName')}</Typography.Text>}
            <Space size={narrow ? 'small' : 'middle'} style={{ marginInlineStart: 'auto' }}>
              <Link to="/showcase" data-testid="showcase-link" aria-label={t('header.showcase')} title={t('header.showcase')}>
                <TrophyOutlined /> {!narrow && t('header.showcase')}
              </Link>
              <span data-testid="current-user">
                <UserOutlined /> {user.display_name}
              </span>
              {!narrow && (
                <Tag color="blue" data-testid="current-role">
                  {t(`role.${user.role}`)}
                </Tag>
              )}
              <LanguageSwitch />
              <Button
                icon={<LogoutOutlined />}
                aria-label={t('header.logout')}
                title={t('header.logout')}
                onClick={() => {
                  void logout().then(() => navigate('/login', { replace: true }));
                }}
              >
                {!narrow && t('header.logout')}
              </Button>
            </Space>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ margin: narrow ? 8 : 24 }}>
          <div style={{ background: '#fff', padding: narrow ? 12 : 24, borderRadius: 8, minHeight: 360 }}>
            <Outlet />
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
