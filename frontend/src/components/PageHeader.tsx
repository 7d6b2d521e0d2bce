import type { ReactNode } from 'react';
import { Breadcrumb, Flex, Typography } from 'antd';
import { Link } from 'react-router';

/** A step of the way to a page: its list, say, as a link. */
export interface Crumb {
  title: ReactNode;
  to: string;
}

/** A page's title and actions; `breadcrumb` is the way to a detail page (its list), the title its last step. */
export function PageHeader({ title, extra, subTitle, breadcrumb }: { title: ReactNode; extra?: ReactNode; subTitle?: ReactNode; breadcrumb?: Crumb[] }) {
  return (
    <>
      {breadcrumb && (
        <Breadcrumb
          data-testid="breadcrumb"
          style={{ marginBottom: 8 }}
          items={[...breadcrumb.map((c) => ({ title: <Link to={c.to}>{c.title}</Link> })), { title }]}
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
