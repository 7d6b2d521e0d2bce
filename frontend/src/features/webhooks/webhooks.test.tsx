import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { DELIVERY_STATUSES, WEBHOOK_EVENTS } from '../../api/types';
import { toNewWebhook } from './CreateWebhookModal';
import { DeliveryDetail, DeliveryStatusTag } from './DeliveriesDrawer';
import { policyText } from './WebhooksPage';

describe('webhook subscriptions', () => {
  it('sends the trimmed name and URL, the events and the scope the role needs', () => {
    expect(
      toNewWebhook({
        name: ' 四川省统计系统 ',
        url: ' https://stats.sc.example/hooks ',
        events: ['project.landed', 'need.created'],
        role: 'provincial_officer',
        province_code: '510000',
        county_code: '513431',
      }),
    ).toEqual({
      name: '四川省统计系统',
      url: 'https://stats.sc.example/hooks',
      events: ['project.landed', 'need.created'],
      role: 'provincial_officer',
      province_code: '510000',
    });
  });

  it('says the retry policy the server publishes', () => {
    const zh = i18n.getFixedT('zh-CN');
    expect(policyText({ attempts: 6, retry_base_seconds: 30, disable_after: 15, timeout_seconds: 10 }, zh)).toBe(
      '每个事件最多尝试 6 次，失败后间隔 30 秒起逐次加倍重试；连续失败 15 次后自动停用并通知创建人。接收端需在 10 秒内应答。',
    );
  });

  it('names every event in both languages (the names hold dots, which i18next nests)', () => {
    const zh = i18n.getFixedT('zh-CN');
    const en = i18n.getFixedT('en');
    expect(WEBHOOK_EVENTS.map((e) => zh(`webhook.event.${e}`))).toEqual(['结对生效', '项目落地', '项目进展更新', '新增需求', '年度报告报送', '品牌认定']);
    for (const e of [...WEBHOOK_EVENTS, 'ping']) expect(en(`webhook.event.${e}`)).not.toMatch(/webhook\./);
  });

  it('labels every delivery status in Chinese', () => {
    const labels = { pending: '待投递', delivered: '已送达', failed: '失败', cancelled: '已取消' };
    for (const status of DELIVERY_STATUSES) {
      const { unmount } = render(<DeliveryStatusTag status={status} />);
      expect(screen.getByTestId('delivery-status')).toHaveTextContent(labels[status]);
      unmount();
    }
  });

  it('says why an attempt failed in words, and when the next one is due', () => {
    const base = {
      id: 'd1', webhook_id: 'w1', event_id: 'e1', event: 'need.created' as const, attempts: 1, created_at: '2026-12-07T03:00:00Z',
      last_attempt_at: '2026-12-07T03:00:00Z', payload: {},
    };
    const { unmount } = render(
      <DeliveryDetail delivery={{ ...base, status: 'pending', response_status: 500, error: 'the receiver answered HTTP 500', next_attempt_at: '2026-12-07T03:00:30Z' }} />,
    );
    expect(screen.getByText('接收端返回 HTTP 500')).toBeInTheDocument();
    expect(screen.getByText(/^下次尝试：/)).toBeInTheDocument();
    unmount();
    render(<DeliveryDetail delivery={{ ...base, status: 'failed', error: 'could not connect: Connection refused' }} />);
    expect(screen.getByText('未能送达：could not connect: Connection refused')).toBeInTheDocument();
  });
});
