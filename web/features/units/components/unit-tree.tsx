import { ActionIcon, Anchor, Badge, Loader, Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UnitView } from '../../../../shared/contracts/units.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ChevronDownIcon, ChevronRightIcon, DotsIcon } from '../../../components/icons.tsx';
import { paths } from '../../../lib/paths.ts';
import { useUnitList } from '../api/units-api.ts';

export type UnitAction = 'create' | 'rename' | 'move' | 'deactivate' | 'reactivate';

export interface UnitTreeProps {
  units: UnitView[];
  includeInactive: boolean;
  expanded: ReadonlySet<number>;
  onToggle: (unitId: number) => void;
  /** Absent when the user may not change units: the tree is then read-only. */
  onAction?: (action: UnitAction, unit: UnitView) => void;
  label: string;
}

/**
 * The unit tree as nested lists. Children load when a unit is expanded; expanding is a real button with
 * `aria-expanded`, so it works with Tab and Enter/Space and screen readers announce the state.
 */
export function UnitTree({ units, label, ...rest }: UnitTreeProps) {
  return (
    <ul className="setara-tree" aria-label={label}>
      {units.map((unit) => (
        <UnitNode key={unit.id} unit={unit} {...rest} />
      ))}
    </ul>
  );
}

type UnitNodeProps = Omit<UnitTreeProps, 'units' | 'label'> & { unit: UnitView };

function UnitNode({ unit, includeInactive, expanded, onToggle, onAction }: UnitNodeProps) {
  const { t } = useTranslation();
  const hasChildren = unit.childCount > 0;
  const isOpen = hasChildren && expanded.has(unit.id);
  const children = useUnitList({ parentId: unit.id, includeInactive }, isOpen);
  const childListId = `unit-children-${unit.id}`;

  return (
    <li>
      <div className="setara-tree-row" style={{ flexWrap: 'wrap' }}>
        {hasChildren ? (
          <ActionIcon
            variant="subtle"
            color="dark"
            size="lg"
            aria-expanded={isOpen}
            aria-controls={isOpen ? childListId : undefined}
            aria-label={t('units.toggleChildren', { name: unit.name })}
            onClick={() => onToggle(unit.id)}
          >
            {isOpen ? <ChevronDownIcon /> : <ChevronRightIcon />}
          </ActionIcon>
        ) : (
          <span className="setara-tree-spacer" aria-hidden="true" />
        )}
        <Anchor component={Link} to={paths.unit(unit.id)} fw={600}>
          {unit.name}
        </Anchor>
        <Badge variant="light" color="blue">
          {unit.level}
        </Badge>
        <Text span size="sm" c="dimmed">
          {unit.code}
        </Text>
        {!unit.active && (
          <Badge variant="filled" color="gray">
            {t('units.inactive')}
          </Badge>
        )}
        {onAction && <UnitActions unit={unit} onAction={onAction} />}
      </div>
      {isOpen &&
        (children.isPending ? (
          <Loader size="sm" ml="xl" aria-label={t('common.loading')} />
        ) : children.isError ? (
          <ErrorAlert error={children.error} />
        ) : children.data.items.length === 0 ? (
          <Text size="sm" ml="xl" c="dimmed">
            {t('units.noChildren')}
          </Text>
        ) : (
          <ul id={childListId}>
            {children.data.items.map((child) => (
              <UnitNode
                key={child.id}
                unit={child}
                includeInactive={includeInactive}
                expanded={expanded}
                onToggle={onToggle}
                onAction={onAction}
              />
            ))}
          </ul>
        ))}
    </li>
  );
}

function UnitActions({
  unit,
  onAction,
}: {
  unit: UnitView;
  onAction: (action: UnitAction, unit: UnitView) => void;
}) {
  const { t } = useTranslation();
  const isRoot = unit.parentId === null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="dark"
          size="lg"
          aria-label={t('units.actionsFor', { name: unit.name })}
        >
          <DotsIcon />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {unit.active && (
          <Menu.Item onClick={() => onAction('create', unit)}>{t('units.actions.create')}</Menu.Item>
        )}
        <Menu.Item onClick={() => onAction('rename', unit)}>{t('units.actions.rename')}</Menu.Item>
        {!isRoot && <Menu.Item onClick={() => onAction('move', unit)}>{t('units.actions.move')}</Menu.Item>}
        {!isRoot &&
          (unit.active ? (
            <Menu.Item c="red.9" onClick={() => onAction('deactivate', unit)}>
              {t('units.actions.deactivate')}
            </Menu.Item>
          ) : (
            <Menu.Item onClick={() => onAction('reactivate', unit)}>
              {t('units.actions.reactivate')}
            </Menu.Item>
          ))}
      </Menu.Dropdown>
    </Menu>
  );
}
