import { useState } from 'react';
import { Button, Flex, Input, Modal, Select, type ButtonProps } from 'antd';
import { DeleteOutlined, StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { deleteView, saveView, savedViews, type ListName } from './listView';

interface Props {
  list: ListName;
  userId: string;
  /** The list's filters now, as its URL holds them. */
  search: string;
  onApply: (search: string) => void;
}

/** 常用筛选: apply a named set of filters, save the current ones under a name, delete one. */
export function SavedFilters({ list, userId, search, onApply }: Props) {
  const { t } = useTranslation();
  const [views, setViews] = useState(() => savedViews(userId, list));
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const current = views.find((v) => v.search === search)?.name;

  const save = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    setViews(saveView(userId, list, { name: trimmed, search }));
    setNaming(false);
    setName('');
  };

  return (
    <Flex gap={4} align="center" data-testid="saved-filters">
      <Select
        aria-label={t('savedFilters.label')}
        data-testid="saved-filters-select"
        placeholder={t('savedFilters.placeholder')}
        style={{ width: 180 }}
        value={current}
        notFoundContent={t('savedFilters.none')}
        onChange={(v: string) => onApply(views.find((x) => x.name === v)?.search ?? '')}
        options={views.map((v) => ({ value: v.name, label: v.name }))}
      />
      {current ? (
        <Button
          icon={<DeleteOutlined />}
          aria-label={t('savedFilters.delete', { name: current })}
          title={t('savedFilters.delete', { name: current })}
          data-testid="saved-filters-delete"
          onClick={() => setViews(deleteView(userId, list, current))}
        />
      ) : (
        <Button icon={<StarOutlined />} data-testid="saved-filters-save" disabled={search === ''} onClick={() => setNaming(true)}>
          {t('savedFilters.save')}
        </Button>
      )}
      <Modal
        open={naming}
        title={t('savedFilters.saveTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !name.trim(), 'data-testid': 'saved-filters-ok' } as ButtonProps}
        onOk={save}
        onCancel={() => setNaming(false)}
        destroyOnHidden
      >
        <Input
          autoFocus
          aria-label={t('savedFilters.name')}
          placeholder={t('savedFilters.namePlaceholder')}
          maxLength={40}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={save}
        />
      </Modal>
    </Flex>
  );
}
