import { Button, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UnitView } from '../../../../shared/contracts/units.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useFullSession } from '../../../lib/session.ts';
import { useUnitList } from '../api/units-api.ts';
import {
  CreateUnitDialog,
  MoveUnitDialog,
  RenameUnitDialog,
  UnitStatusDialog,
} from '../components/unit-dialogs.tsx';
import { UnitTree, type UnitAction } from '../components/unit-tree.tsx';

interface OpenDialog {
  action: UnitAction;
  unit: UnitView;
}

export function UnitsPage() {
  const { t } = useTranslation();
  usePageTitle(t('units.title'));
  const session = useFullSession();
  const canManage = session.capabilities.manageUnits;
  const [includeInactive, setIncludeInactive] = useState(false);
  const top = useUnitList({ includeInactive });
  // Until the user toggles something, the top units start expanded so the first level is visible.
  const [expandedState, setExpanded] = useState<ReadonlySet<number> | null>(null);
  const expanded = expandedState ?? new Set((top.data?.items ?? []).map((unit) => unit.id));
  const [dialog, setDialog] = useState<OpenDialog | null>(null);

  const toggle = (unitId: number) => {
    const next = new Set(expanded);
    if (next.has(unitId)) next.delete(unitId);
    else next.add(unitId);
    setExpanded(next);
  };
  const expand = (unitId: number) => setExpanded(new Set(expanded).add(unitId));
  const close = () => setDialog(null);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('units.title')}</Title>
        {canManage && (
          <Button variant="default" component={Link} to={paths.unitsImport}>
            {t('units.import')}
          </Button>
        )}
      </Group>
      <Text>{canManage ? t('units.introManage') : t('units.introRead')}</Text>
      <Group>
        <Switch
          label={t('units.showInactive')}
          checked={includeInactive}
          onChange={(event) => setIncludeInactive(event.currentTarget.checked)}
        />
      </Group>
      {top.isPending ? (
        <PageLoader />
      ) : top.isError ? (
        <ErrorAlert error={top.error} />
      ) : top.data.items.length === 0 ? (
        <Text>{t('units.none')}</Text>
      ) : (
        <UnitTree
          label={t('units.treeLabel')}
          units={top.data.items}
          includeInactive={includeInactive}
          expanded={expanded}
          onToggle={toggle}
          onAction={canManage ? (action, unit) => setDialog({ action, unit }) : undefined}
        />
      )}
      {dialog?.action === 'create' && (
        <CreateUnitDialog unit={dialog.unit} onClose={close} onCreated={expand} />
      )}
      {dialog?.action === 'rename' && <RenameUnitDialog unit={dialog.unit} onClose={close} />}
      {dialog?.action === 'move' && <MoveUnitDialog unit={dialog.unit} onClose={close} />}
      {(dialog?.action === 'deactivate' || dialog?.action === 'reactivate') && (
        <UnitStatusDialog unit={dialog.unit} onClose={close} />
      )}
    </Stack>
  );
}
