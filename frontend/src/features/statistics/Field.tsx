import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** A labelled control of the explorer's bars: the label above (kept when a value hides the placeholder). */
export function Field({ label, htmlFor, width, children }: { label: ReactNode; htmlFor: string; width?: number; children: ReactNode }) {
  return (
    <Flex vertical gap={4} style={{ width, maxWidth: '100%' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <label htmlFor={htmlFor}>{label}</label>
      </Typography.Text>
      {children}
    </Flex>
  );
}
