import { useState } from 'react';
import { Button, Drawer, Flex, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined, TrophyOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useCurrentUser, useSession } from '../session/context';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { HEADER } from './features';
import { menuFor, menuLines, selectedKey } from './menu';

export function Shell() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const entries = menuFor(user.role);
  const items = entries.map((m) => ({ key: m.key, icon: m.icon, label: t(m.labelKey), path: m.path }));
  const lines = menuLines(entries);
  const selected = selectedKey(location.pathname);
  // submenus start open; the ones the user folded stay folded
  const groups = lines.flatMap((l) => ('group' in l ? [l.group.key] : []));
  const [folded, setFolded] = useState<string[]>([]);
  // on a phone the header keeps the user, the language and the logout; the pages keep their width
  const screens = Grid.useBreakpoint();
  const narrow = !!(screens.xs || (screens.sm && !screens.md));
  // below lg the menu is a drawer opened from the header, which closes on any navigation (a menu
  // item, a link on the page, back): an inline menu would squeeze or cover the page. Nothing
  // matched yet (first render, tests without media queries) counts as wide.
  const drawer = !!(screens.xs || screens.sm || screens.md) && !screens.lg;
  // open at one location (history entry): any navigation leaves it, and the drawer is closed
  const [openAt, setOpenAt] = useState<string | null>(null);
  const drawerOpen = openAt === location.key;
  const setDrawerOpen = (open: boolean) => setOpenAt(open ? location.key : null);

  const menu = (
    <>
      <div style={{ color: '#fff', padding: '16px 20px', fontSize: 18, fontWeight: 600 }}>{t('app.name')}</div>
      <Menu
        theme="dark"
        mode="inline"
        aria-label="main"
        selectedKeys={selected ? [selected] : []}
        openKeys={groups.filter((g) => !folded.includes(g))}
        onOpenChange={(open) => setFolded(groups.filter((g) => !open.includes(g)))}
        items={lines.map((l) =>
          'group' in l
            ? {
                key: l.group.key,
                icon: l.group.icon,
                label: t(l.group.labelKey),
                children: l.entries.map((m) => ({ key: m.key, icon: m.icon, label: t(m.labelKey) })),
              }
            : { key: l.entry.key, icon: l.entry.icon, label: t(l.entry.labelKey) },
        )}
        onClick={({ key }) => {
          const entry = items.find((i) => i.key === key);
          if (entry) navigate(entry.path);
          setDrawerOpen(false); // also when the item is the page already shown
        }}
      />
    </>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {drawer ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          closable={false}
          size={240}
          data-testid="menu-drawer"
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider theme="dark" width={200}>
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            paddingInlineStart: narrow ? 12 : 24,
            paddingInlineEnd: narrow ? 12 : 24,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {/* the header's 64 px line height would drop the cut-short texts to its bottom */}
          <Flex justify="space-between" align="center" gap={8} style={{ height: '100%', lineHeight: 'normal' }}>
            <Flex align="center" gap={8} style={{ minWidth: 0 }}>
              {drawer && (
                <Button
                  type="text"
                  icon={<MenuOutlined />}
                  aria-label={t('header.menu')}
                  aria-expanded={drawerOpen}
                  data-testid="menu-button"
                  onClick={() => setDrawerOpen(true)}
                />
              )}
              {/* one line, cut short rather than wrapped under the buttons */}
              <Typography.Text strong ellipsis style={{ whiteSpace: 'nowrap' }}>
                {narrow ? t('app.name') : t('app.fullName')}
              </Typography.Text>
            </Flex>
            <Space size={narrow ? 'small' : 'middle'} align="center" style={{ flexShrink: 0 }}>
              <Link to="/showcase" data-testid="showcase-link" aria-label={t('header.showcase')} title={t('header.showcase')}>
                <TrophyOutlined /> {!narrow && t('header.showcase')}
              </Link>
              {HEADER.map(({ key, Component }) => (
                <Component key={key} />
              ))}
              <Typography.Text data-testid="current-user" ellipsis style={{ maxWidth: narrow ? 96 : 240 }} title={user.display_name}>
                <UserOutlined /> {user.display_name}
              </Typography.Text>
              {!narrow && (
                <Tag color="blue" data-testid="current-role">
                  {t(`role.${user.role}`)}
                </Tag>
              )}
              {/* a coordinator's service (乡村振兴部门 / 民政部门), on wide screens from lg */}
              {!narrow && !drawer && user.department && (
                <Tag data-testid="current-department">{t(`department.${user.department}`)}</Tag>
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
