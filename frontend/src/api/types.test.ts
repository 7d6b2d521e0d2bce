import { describe, expect, it } from 'vitest';
import type { ApiPaths, AssistanceType, OrgStatus } from './types';

type OrgQuery = NonNullable<ApiPaths['/api/v1/organizations']['get']['parameters']['query']>;

describe('contract enum values', () => {
  it('are the snake_case values the API sends', () => {
    // compile-time checks (npm run typecheck): these assignments must type-check
    const types: AssistanceType[] = ['industry', 'elderly_care', 'other'];
    const status: OrgStatus = 'suspended';
    const query: OrgQuery = { status: 'active', sort: '-updated_at', legal_form: 'social_service_agency' };
    // @ts-expect-error a Rust variant name is not a wire value
    const wrong: OrgStatus = 'Active';
    expect([types, status, query, wrong]).toHaveLength(4);
  });
});
