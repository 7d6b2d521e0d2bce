import type { ReactNode } from 'react';
import { Breadcrumb, Flex, Typography } from 'antd';
import { Link } from 'react-router';

/** A step of the way to a detail page: its list (a link), then the item itself (no link). */
export interface Crumb {
  title: ReactNode;
  to?: string;
}

export function PageHeader({ title, extra, subTitle, breadcrumb }: { title: ReactNode; extra?: ReactNode; subTitle?: ReactNode; breadcrumb?: Crumb[] }) {
  return (
    <>
      {breadcrumb && (
        <Breadcrumb
          data-testid="breadcrumb"
          style={{ marginBottom: 8 }}
          items={breadcrumb.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))}
        />
      )}
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
        </div>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
    </>
  );
}
