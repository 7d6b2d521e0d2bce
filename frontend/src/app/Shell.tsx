import { useState } from 'react';
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
  // on a phone the header keeps the user, the language and the logout; the pages keep their width
  const screens = Grid.useBreakpoint();
  const narrow = !!(screens.xs || (screens.sm && !screens.md));
  // below lg the menu folds away; its button then sits in the header's free corner, not over the page
  const [menuFolded, setMenuFolded] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        theme="dark"
        width={200}
        onCollapse={(folded) => setMenuFolded(folded)}
        zeroWidthTriggerStyle={{ top: 12 }}
      >
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
        <Layout.Header
          style={{
            background: '#fff',
            paddingInlineStart: menuFolded ? 64 : narrow ? 12 : 24,
            paddingInlineEnd: narrow ? 12 : 24,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Flex justify={narrow ? 'flex-end' : 'space-between'} align="center" style={{ height: '100%' }}>
            {!narrow && <Typography.Text strong>{t('app.fullName')}</Typography.Text>}
            <Space size={narrow ? 'small' : 'middle'}>
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
        <Layout.Content style={{ margin: narrow ? 12 : 24, minWidth: 0 }}>
          <div style={{ background: '#fff', padding: narrow ? 16 : 24, borderRadius: 8, minHeight: 360 }}>
            <Outlet />
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
