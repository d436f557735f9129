import { Anchor, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useUserList } from '../api/users-api.ts';
import { CreateUserDialog } from '../components/create-user-dialog.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.title'));
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 300);
  const users = useUserList(query);
  const [isCreating, setCreating] = useState(false);
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('users.title')}</Title>
        <Button onClick={() => setCreating(true)}>{t('users.invite')}</Button>
      </Group>
      <form role="search" onSubmit={(event) => event.preventDefault()}>
        <TextInput
          label={t('users.search')}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          maw={420}
        />
      </form>
      {users.isPending ? (
        <PageLoader />
      ) : users.isError ? (
        <ErrorAlert error={users.error} />
      ) : items.length === 0 ? (
        <Text>{query ? t('users.noMatches') : t('users.none')}</Text>
      ) : (
        <ScrollTable label={t('users.tableLabel')} minWidth={720}>
          <Table.Caption className="setara-visually-hidden">{t('users.tableLabel')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('fields.displayName')}</Table.Th>
              <Table.Th scope="col">{t('fields.email')}</Table.Th>
              <Table.Th scope="col">{t('users.fields.homeUnit')}</Table.Th>
              <Table.Th scope="col">{t('users.fields.roles')}</Table.Th>
              <Table.Th scope="col">{t('users.fields.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>
                  <Anchor component={Link} to={paths.user(user.id)}>
                    {user.displayName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{user.email}</Table.Td>
                <Table.Td>{user.homeUnitName}</Table.Td>
                <Table.Td>
                  {user.grants.length === 0
                    ? t('users.noRoles')
                    : user.grants.map((grant) => t(`roles.${grant.role}`)).join(', ')}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge color={user.active ? 'teal' : 'gray'} variant="filled">
                      {user.active ? t('users.active') : t('users.inactive')}
                    </Badge>
                    {user.totpEnabled && (
                      <Badge color="blue" variant="light">
                        {t('users.totpOn')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {users.hasNextPage && (
        <Group>
          <Button
            variant="default"
            onClick={() => void users.fetchNextPage()}
            loading={users.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
      {isCreating && (
        <CreateUserDialog
          onClose={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            void navigate(paths.user(user.id));
          }}
        />
      )}
    </Stack>
  );
}
