import { Descriptions, Grid, type DescriptionsProps } from 'antd';

/**
 * A detail page's list of fields (antd Descriptions, with Descriptions.Item children). On a phone
 * (below 576 px) each label sits above its value: the pages' label columns (110–180 px) would
 * leave the values a third of the screen. A `column` above 1 should be responsive (xs: 1).
 */
export function DetailFields({ styles, layout, ...props }: DescriptionsProps) {
  const phone = Grid.useBreakpoint().xs;
  return <Descriptions {...props} layout={phone ? 'vertical' : layout} styles={phone ? undefined : styles} />;
}
