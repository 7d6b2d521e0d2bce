import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { trainingKeys } from '../../api/queryKeys';
import type { Training } from '../../api/types';
import { trainingDates } from '../../components/trainings/TrainingTags';
import i18n from '../../i18n';
import { canApply, rowErrorsOf, templateCsv } from './participantImport';
import { filtersFromSearch, filtersToSearch, trainingListQuery, yearOptions } from './trainingFilters';
import { formFieldOf, formValuesOf, initialValuesFor, toNewTraining, toTrainingPatch, topicsProblem, type TrainingFormValues } from './trainingForm';
import {
  attendanceOf,
  canOrganizeTrainings,
  defaultLevel,
  isHeadCount,
  orderedMoves,
  organizableLevels,
  participantBody,
  participantRights,
  placeFields,
  reasonRequired,
} from './trainingLogic';

const admin = { role: 'national_admin' as const };
const sichuan = { role: 'provincial_officer' as const, province_code: '510000' };
const zhaojue = { role: 'county_officer' as const, province_code: '510000', county_code: '513431' };

describe('who organizes trainings', () => {
  it('offers each role the levels it may organize, its own first', () => {
    expect(organizableLevels(admin)).toEqual(['national', 'provincial', 'county']);
    expect(organizableLevels(sichuan)).toEqual(['provincial', 'county']);
    expect(organizableLevels(zhaojue)).toEqual(['county']);
    for (const role of ['org_member', 'evaluator', 'viewer'] as const) {
      expect(organizableLevels({ role })).toEqual([]);
      expect(canOrganizeTrainings(role)).toBe(false);
    }
    expect(defaultLevel(sichuan)).toBe('provincial');
    expect(defaultLevel({ role: 'viewer' })).toBeUndefined();
  });

  it('fixes an officer’s own province or county, and keeps a provincial officer’s counties in the province', () => {
    expect(placeFields('national', admin)).toEqual({ province: null, county: null });
    expect(placeFields('provincial', admin)).toEqual({ province: { fixed: false }, county: null });
    expect(placeFields('provincial', sichuan)).toEqual({ province: { fixed: true }, county: null });
    expect(placeFields('county', sichuan)).toEqual({ province: null, county: { fixed: false, withinProvince: '510000' } });
    expect(placeFields('county', zhaojue)).toEqual({ province: null, county: { fixed: true, withinProvince: undefined } });
    expect(placeFields('county', admin).county).toEqual({ fixed: false, withinProvince: undefined });
  });
});

describe('moves and attendance', () => {
  it('asks a reason to cancel only, and puts 确认已举办 first', () => {
    expect(reasonRequired('cancelled')).toBe(true);
    expect(reasonRequired('held')).toBe(false);
    expect(orderedMoves(['cancelled', 'held'])).toEqual(['held', 'cancelled']);
  });

  it('reads attendance as 待确认 until confirmed', () => {
    expect(attendanceOf(null)).toBe('pending');
    expect(attendanceOf(undefined)).toBe('pending');
    expect(attendanceOf(true)).toBe('attended');
    expect(attendanceOf(false)).toBe('absent');
  });

  it('keeps the attendance when the head count changes, and the head count when attendance does', () => {
    const p = { organization_id: 'o1', head_count: 3, attended: true };
    expect(participantBody(p, { head_count: 5 })).toEqual({ organization_id: 'o1', head_count: 5, attended: true });
    expect(participantBody(p, { attended: false })).toEqual({ organization_id: 'o1', head_count: 3, attended: false });
    // unconfirmed attendance is not sent: the server refuses any before the training is held
    expect(participantBody({ ...p, attended: null }, { head_count: 2 })).toEqual({ organization_id: 'o1', head_count: 2 });
  });

  it('bounds a head count to 1–10000 whole people', () => {
    expect([1, 10_000].every(isHeadCount)).toBe(true);
    expect([0, 10_001, 2.5, '3', undefined].some(isHeadCount)).toBe(false);
  });

  it('lets the organizer change participants until cancelled, and confirm attendance once held', () => {
    expect(participantRights({ may_manage: true, status: 'planned' })).toEqual({ change: true, attendance: false });
    expect(participantRights({ may_manage: true, status: 'held' })).toEqual({ change: true, attendance: true });
    expect(participantRights({ may_manage: true, status: 'cancelled' })).toEqual({ change: false, attendance: false });
    expect(participantRights({ may_manage: false, status: 'held' })).toEqual({ change: false, attendance: false });
  });
});

describe('the list view in the URL', () => {
  it('reads known values only', () => {
    const f = filtersFromSearch(new URLSearchParams('year=2026&level=provincial&status=held&q=%20电商%20&organization=o1&cursor=x'));
    expect(f).toEqual({ year: 2026, level: 'provincial', status: 'held', q: '电商', organization: 'o1' });
    expect(filtersFromSearch(new URLSearchParams('year=26&level=city&status=done'))).toEqual({});
    expect(filtersFromSearch(new URLSearchParams('year=1999'))).toEqual({});
  });

  it('writes back what it read, and asks a counted page', () => {
    const f = { year: 2025, status: 'planned' as const };
    expect(filtersFromSearch(filtersToSearch(f))).toEqual(f);
    expect(trainingListQuery(f, 'c1', 50)).toEqual({ year: 2025, status: 'planned', limit: 50, cursor: 'c1', count: true });
    expect(trainingListQuery({}, null).cursor).toBeUndefined();
  });

  it('offers next year back through a decade, and a year the URL named', () => {
    const years = yearOptions(2026);
    expect(years[0]).toBe(2027);
    expect(years).toContain(2016);
    expect(yearOptions(2026, 2001).at(-1)).toBe(2001);
  });
});

describe('the training form', () => {
  const values: TrainingFormValues = {
    title: ' 农村电商带头人培训 ',
    organizer_level: 'county',
    organizer_department: 'civil_affairs',
    province_code: '510000',
    county_code: '513431',
    dates: [dayjs('2026-11-02'), dayjs('2026-11-03')],
    mode: 'mixed',
    place: ' 昭觉县 ',
    assistance_types: ['industry'],
    topics: [' 直播带货 ', '冷链'],
    description: '',
  };

  it('sends the place its level names and the dates as days', () => {
    const body = toNewTraining(values);
    expect(body).toMatchObject({ title: '农村电商带头人培训', organizer_level: 'county', county_code: '513431', starts_on: '2026-11-02', ends_on: '2026-11-03', place: '昭觉县' });
    expect(body).not.toHaveProperty('province_code');
    expect(body.topics).toEqual(['直播带货', '冷链']);
    const provincial = toNewTraining({ ...values, organizer_level: 'provincial' });
    expect(provincial).toMatchObject({ province_code: '510000' });
    expect(provincial).not.toHaveProperty('county_code');
    expect(toNewTraining({ ...values, organizer_level: 'national' })).not.toHaveProperty('province_code');
  });

  it('edits only what a planned training may change', () => {
    const patch = toTrainingPatch(values);
    expect(Object.keys(patch).sort()).toEqual(['assistance_types', 'description', 'ends_on', 'mode', 'place', 'starts_on', 'title', 'topics']);
  });

  it('starts from the user’s own level, department and place', () => {
    expect(initialValuesFor({ ...sichuan, department: 'civil_affairs' })).toMatchObject({
      organizer_level: 'provincial',
      organizer_department: 'civil_affairs',
      province_code: '510000',
    });
    expect(initialValuesFor(admin).organizer_department).toBe('rural_revitalization');
  });

  it('fills the form from a training', () => {
    const t = { title: '培训', organizer_level: 'provincial', organizer_department: 'rural_revitalization', province_code: '510000', county_code: null, starts_on: '2026-03-01', ends_on: '2026-03-02', mode: 'onsite', place: '', assistance_types: [], topics: ['a'], description: '' } as unknown as Training;
    const v = formValuesOf(t);
    expect(v.dates?.map((d) => d.format('YYYY-MM-DD'))).toEqual(['2026-03-01', '2026-03-02']);
    expect(v.county_code).toBeUndefined();
  });

  it('refuses more than 10 topics or one over 50 characters', () => {
    expect(topicsProblem(['a', 'b'])).toBeNull();
    expect(topicsProblem(undefined)).toBeNull();
    expect(topicsProblem(Array.from({ length: 11 }, (_, i) => `t${i}`))).toBe('invalid');
    expect(topicsProblem(['x'.repeat(51)])).toBe('invalid');
    expect(topicsProblem(['乡'.repeat(50)])).toBeNull();
    expect(topicsProblem(['  '])).toBe('invalid');
  });

  it('puts the server’s field errors on their fields', () => {
    expect(formFieldOf('ends_on')).toBe('dates');
    expect(formFieldOf('starts_on')).toBe('dates');
    expect(formFieldOf('topics[2]')).toBe('topics');
    expect(formFieldOf('province_code')).toBe('province_code');
    expect(formFieldOf('nonsense')).toBeNull();
  });
});

describe('labels', () => {
  it('name levels, statuses, modes and attendance in both languages', () => {
    const zh = i18n.getFixedT('zh-CN');
    const en = i18n.getFixedT('en');
    expect(['national', 'provincial', 'county'].map((l) => zh(`trainings.levels.${l}`))).toEqual(['国家级', '省级', '县级']);
    expect(['planned', 'held', 'cancelled'].map((s) => zh(`trainings.statuses.${s}`))).toEqual(['计划中', '已举办', '已取消']);
    expect(['onsite', 'online', 'mixed'].map((m) => zh(`trainings.modes.${m}`))).toEqual(['线下', '线上', '线上线下结合']);
    expect(['pending', 'attended', 'absent'].map((a) => zh(`trainings.participants.attendance.${a}`))).toEqual(['待确认', '已出席', '未出席']);
    expect(en('trainings.levels.county')).toBe('County');
    expect(zh('trainings.menu')).toBe('组织培训');
  });

  it('shows a one-day training as one date', () => {
    expect(trainingDates({ starts_on: '2026-11-02', ends_on: '2026-11-02' })).toEqual({ day: '2026-11-02' });
    expect(trainingDates({ starts_on: '2026-11-02', ends_on: '2026-11-04' })).toEqual({ start: '2026-11-02', end: '2026-11-04' });
  });
});

describe('the participants’ import', () => {
  it('offers a template with the columns the server reads', () => {
    expect(templateCsv()).toBe('\uFEFF组织名称,统一社会信用代码,人数\r\n');
  });

  it('applies only a clean dry run with rows', () => {
    expect(canApply({ dry_run: true, rows_total: 2, applied: 2, errors: [] })).toBe(true);
    expect(canApply({ dry_run: true, rows_total: 2, applied: 1, errors: [{ row: 3, column: '人数', message: 'x' }] })).toBe(false);
    expect(canApply({ dry_run: true, rows_total: 0, applied: 0, errors: [] })).toBe(false);
    expect(canApply(null)).toBe(false);
  });

  it('reads the row errors of a refused apply', () => {
    const refused = new ApiError({
      status: 422,
      title: '字段无效',
      errors: [
        { field: 'rows[3].人数', message: '“0”不是 1–10000 的人数' },
        { field: 'rows[4].统一社会信用代码', message: '平台上没有“X”' },
      ],
    });
    expect(rowErrorsOf(refused)).toEqual([
      { row: 3, column: '人数', message: '“0”不是 1–10000 的人数' },
      { row: 4, column: '统一社会信用代码', message: '平台上没有“X”' },
    ]);
    expect(rowErrorsOf(new ApiError({ status: 409, title: '已取消' }))).toEqual([]);
    expect(rowErrorsOf(new Error('x'))).toEqual([]);
  });
});

describe('query keys', () => {
  it('keep every trainings read under one prefix, so a participant change reaches the lists and the organization page', () => {
    for (const key of [trainingKeys.list({ organization: 'o1' }), trainingKeys.detail('t1'), trainingKeys.participants('t1')]) {
      expect(key.slice(0, 1)).toEqual(trainingKeys.all);
    }
  });
});
