import { describe, expect, it } from 'vitest';
import { attachmentKeys, brandKeys, campaignKeys, coverageKeys, geoKeys, needKeys, organizationKeys, pairingKeys, projectKeys, tokenKeys, userKeys } from './queryKeys';
import { incidentKeys, notificationKeys, scoringKeys, selectionKeys, yearEndReportKeys } from './queryKeys';

/** Invalidation matches by prefix: a read outside its family's prefix would be left stale. */
function under(prefix: readonly unknown[], key: readonly unknown[]) {
  expect(key.slice(0, prefix.length), JSON.stringify(key)).toEqual(prefix);
}

describe('query keys', () => {
  it('put every read under its family, whichever feature makes it', () => {
    under(organizationKeys.all, organizationKeys.picker('甲'));
    under(organizationKeys.all, organizationKeys.detail('o1'));
    under(pairingKeys.all, pairingKeys.byCounty('513431'));
    under(pairingKeys.all, pairingKeys.byOrganization('o1'));
    under(needKeys.all, needKeys.forOrganization('o1'));
    under(needKeys.all, needKeys.invitations('n1'));
    under(projectKeys.all, projectKeys.updates('p1'));
    under(brandKeys.all, brandKeys.projects('b1'));
    under(brandKeys.all, brandKeys.list({ organization: 'o1' }));
    // an entity's files go with its list: invalidating the list reaches every file's content
    under(attachmentKeys.all, attachmentKeys.list('/api/v1/brands/b1'));
    under(['attachments', '/api/v1/brands/b1'], attachmentKeys.content('/api/v1/brands/b1', 'a1'));
    under(campaignKeys.all, campaignKeys.list);
    under(campaignKeys.all, campaignKeys.funnel('c1'));
    under(coverageKeys.all, coverageKeys.view(undefined, '510000'));
    under(geoKeys.counties, geoKeys.countyPicker(undefined, ''));
    under(geoKeys.counties, geoKeys.countyName('513431'));
    under(geoKeys.keyCounties, geoKeys.keyCountySummary);
    under(userKeys.all, userKeys.detail('u1'));
    // a report's versions and the national board go with its writes
    under(yearEndReportKeys.all, yearEndReportKeys.versions('r1'));
    under(yearEndReportKeys.all, yearEndReportKeys.board(2026));
    under(tokenKeys.all, tokenKeys.list);
    // a submission refreshes the worklist and the sheet; a round's move its reads on every page
    under(scoringKeys.assignments, scoringKeys.mine);
    under(scoringKeys.assignments, scoringKeys.sheet('a1'));
    under(scoringKeys.rounds, scoringKeys.result('r1', 'o1'));
    under(scoringKeys.rounds, scoringKeys.roundList({ status: 'published' }));
    under(selectionKeys.all, selectionKeys.honors('o1'));
    under(selectionKeys.all, selectionKeys.nominations('s1'));
    // any write invalidates the bell and the notifications page at once (app/Providers)
    under(notificationKeys.all, notificationKeys.list({ limit: 8 }));
    under(notificationKeys.all, notificationKeys.list({ unread: true, limit: 20, cursor: 'c' }));
    // a report, a move or a handling step changes the risk view's counts too
    under(incidentKeys.all, incidentKeys.list({ organization: 'o1' }));
    under(incidentKeys.all, incidentKeys.actions('i1'));
    under(incidentKeys.all, incidentKeys.risks({ province: '510000' }));
  });
});
