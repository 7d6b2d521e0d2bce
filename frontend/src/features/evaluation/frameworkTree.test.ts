import { describe, expect, it } from 'vitest';
import type { Framework } from '../../api/types';
import {
  changedOnly,
  describeNode,
  fieldPath,
  formValuesOf,
  isLeafError,
  newBand,
  newDimension,
  newIndicator,
  nextCode,
  sumStatus,
  toFrameworkPatch,
  toTree,
  unbalancedGroups,
  usedCodes,
  weightSum,
  type TreeValues,
} from './frameworkTree';

const tree: TreeValues = {
  dimensions: [
    {
      code: 'D1',
      name: '帮扶成效',
      weight: 60,
      indicators: [
        { code: 'D1.1', name: '到位资金', weight: 50, method: 'computed', metric: 'funds_in_place', normalization: 'min_max', rubric: [] },
        { code: 'D1.2', name: '项目质量', weight: 40, method: 'expert', rubric: [{ min: 0, max: 100, description: ' 按材料 ' }] },
      ],
    },
    { code: 'D2', name: '组织建设', weight: 30, indicators: [] },
  ],
};

describe('weight sums', () => {
  it('add up what is typed, an empty weight counting 0', () => {
    expect(weightSum(tree.dimensions)).toBe(90);
    expect(weightSum(tree.dimensions?.[0].indicators)).toBe(90);
    expect(weightSum([{ weight: 60 }, { weight: null }, {}, { weight: 40 }])).toBe(100);
    expect(weightSum(undefined)).toBe(0);
  });

  it('are green at exactly 100 and say how far off they are otherwise', () => {
    expect(sumStatus(100)).toEqual({ ok: true, off: 0 });
    expect(sumStatus(90)).toEqual({ ok: false, off: -10 });
    expect(sumStatus(120)).toEqual({ ok: false, off: 20 });
  });

  it('name every sibling group that does not add up, as the server names it', () => {
    expect(unbalancedGroups(tree)).toEqual([
      { path: 'tree.dimensions', sum: 90 },
      { path: 'tree.dimensions[0].indicators', sum: 90 },
    ]);
    // a dimension without indicators yet is not a group to balance (the server says it needs one)
    expect(unbalancedGroups({ dimensions: [{ weight: 100, indicators: [{ weight: 100 }] }] })).toEqual([]);
    expect(unbalancedGroups(undefined)).toEqual([]);
  });
});

describe('new nodes', () => {
  it('take the next free code of their parent', () => {
    expect(nextCode('D', new Set(['D1', 'D3']))).toBe('D2');
    expect(usedCodes(tree)).toEqual(new Set(['D1', 'D1.1', 'D1.2', 'D2']));
    expect(newDimension(tree)).toMatchObject({ code: 'D3', weight: null, indicators: [] });
    expect(newIndicator(tree, 'D1')).toMatchObject({ code: 'D1.3', method: 'computed', normalization: 'min_max' });
    expect(newIndicator(tree, undefined).code).toBe('I.1');
  });

  it('start a rubric band where the last one ended', () => {
    expect(newBand([])).toEqual({ min: 0, max: 100, description: '' });
    expect(newBand([{ min: 0, max: 59, description: '较差' }])).toEqual({ min: 60, max: 100, description: '' });
    expect(newBand([{ min: 90, max: 100 }])).toEqual({ min: 100, max: 100, description: '' });
  });
});

describe('the tree sent to the API', () => {
  it('keeps only each method’s own fields, trimmed, with whole weights', () => {
    const sent = toTree({
      dimensions: [
        {
          code: ' D1 ',
          name: ' 成效 ',
          weight: 100,
          indicators: [
            // an expert indicator that was computed before: its metric is not sent
            { code: 'a', name: '质量', weight: 60, method: 'expert', metric: 'funds_in_place', normalization: 'min_max', rubric: [{ min: 0, max: 100, description: ' 好 ' }] },
            // a computed one that had a rubric: the rubric is not sent; no target without `target`
            { code: 'b', name: '资金', weight: 40, method: 'computed', metric: 'funds_in_place', normalization: 'min_max', target: 5, rubric: [{ min: 0, max: 1, description: 'x' }] },
            { code: 'c', name: '落地', weight: null, method: 'computed', metric: 'projects_landed', normalization: 'target', target: 5 },
          ],
        },
      ],
    });
    expect(sent).toEqual({
      dimensions: [
        {
          code: 'D1',
          name: '成效',
          weight: 100,
          indicators: [
            { code: 'a', name: '质量', weight: 60, method: 'expert', rubric: [{ min: 0, max: 100, description: '好' }] },
            { code: 'b', name: '资金', weight: 40, method: 'computed', metric: 'funds_in_place', normalization: 'min_max' },
            { code: 'c', name: '落地', weight: 0, method: 'computed', metric: 'projects_landed', normalization: 'target', target: 5 },
          ],
        },
      ],
    });
  });

  it('round-trips a framework read from the API', () => {
    const f = {
      name: '年度评估',
      description: '',
      subject_type: 'organization',
      tree: toTree(tree),
    } as unknown as Framework;
    const values = formValuesOf(f);
    expect(toTree(values.tree)).toEqual(f.tree);
    expect(values.tree.dimensions?.[0].indicators?.[1]).toMatchObject({ method: 'expert', normalization: null, metric: null });
  });

  it('sends only what changed since the editor opened, the tree whole', () => {
    const opened = toFrameworkPatch({ name: '年度评估', description: '', tree });
    expect(changedOnly(toFrameworkPatch({ name: ' 年度评估 ', description: '', tree }), opened)).toEqual({});
    const edited: TreeValues = { dimensions: [{ ...tree.dimensions![0], weight: 70 }, tree.dimensions![1]] };
    const patch = changedOnly(toFrameworkPatch({ name: '年度评估', description: '说明', tree: edited }), opened);
    expect(Object.keys(patch).sort()).toEqual(['description', 'tree']);
    expect(patch.tree?.dimensions[0].weight).toBe(70);
    expect(patch.tree?.dimensions).toHaveLength(2);
  });
});

describe('server errors about nodes', () => {
  it('become form paths', () => {
    expect(fieldPath('tree.dimensions[1].indicators[0].weight')).toEqual(['tree', 'dimensions', 1, 'indicators', 0, 'weight']);
    expect(fieldPath('tree.dimensions[1].indicators')).toEqual(['tree', 'dimensions', 1, 'indicators']);
    expect(fieldPath('tree.dimensions[0].indicators[1].rubric[2].description')).toEqual(['tree', 'dimensions', 0, 'indicators', 1, 'rubric', 2, 'description']);
    expect(fieldPath('name')).toEqual(['name']);
  });

  it('sit on one input, or on a group or node of the tree', () => {
    expect(isLeafError('tree.dimensions[0].indicators[1].metric')).toBe(true);
    expect(isLeafError('tree.dimensions[0].code')).toBe(true);
    expect(isLeafError('name')).toBe(true);
    expect(isLeafError('tree.dimensions[1].indicators')).toBe(false);
    expect(isLeafError('tree.dimensions')).toBe(false);
    expect(isLeafError('tree.dimensions[0].indicators[1].rubric')).toBe(false);
    expect(isLeafError('tree.dimensions[0].indicators[1].rubric[0]')).toBe(false);
  });

  it('are described by the nodes’ names', () => {
    const label = (part: string, n?: number, name?: string) => `${part}${n ?? ''}${name ? `「${name}」` : ''}`;
    expect(describeNode('tree.dimensions[0].indicators', tree, label)).toBe('dimension1「帮扶成效」 › indicators');
    expect(describeNode('tree.dimensions[0].indicators[1].rubric[0]', tree, label)).toBe('dimension1「帮扶成效」 › indicator2「项目质量」 › band1');
    expect(describeNode('tree.dimensions', tree, label)).toBe('dimensions');
    expect(describeNode('tree.dimensions[5].weight', tree, label)).toBe('dimension6 › weight');
  });
});
