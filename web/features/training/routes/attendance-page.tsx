import {
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  SegmentedControl,
  Input,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AttendanceResponse } from '../../../../shared/contracts/training.ts';
import { attendanceStatuses, type AttendanceStatus } from '../../../../shared/training-taxonomies.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import {
  sheetPhotoUrl,
  signInSheetUrl,
  useAttendance,
  useRecordAttendance,
  useRecordTally,
  useUploadSheetPhoto,
} from '../api/training-api.ts';
import { attendanceStatusColour, useJakartaFormat } from '../components/training-format.ts';

type Row = AttendanceResponse['rows'][number];
type Mode = 'roll_call' | 'paper' | 'tally';

/** The current mark and, when it was corrected, the earlier values (newest first). */
function MarkHistory({ row }: { row: Row }) {
  const { t } = useTranslation('training');
  const jakarta = useJakartaFormat();
  const describe = (status: AttendanceStatus, via: Row['via'], at: string | null) =>
    t('attendance.recorded', {
      status: t(`attendance.status.${status}`),
      via: via ? t(`attendance.via.${via}`) : '—',
      at: jakarta.dateTime(at),
    });
  return (
    <>
      <Text size="xs" c="dimmed">
        {row.status ? describe(row.status, row.via, row.recordedAt) : t('attendance.unmarked')}
      </Text>
      {row.history.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('attendance.corrections')}:{' '}
          {row.history.map((entry) => describe(entry.status, entry.via, entry.recordedAt)).join('; ')}
        </Text>
      )}
    </>
  );
}

/** Roll call on a phone: one card per participant, four large buttons; each tap is saved at once. */
function RollCall({ sessionId, rows }: { sessionId: number; rows: Row[] }) {
  const { t } = useTranslation('training');
  const record = useRecordAttendance();
  const mark = (participantId: string, status: AttendanceStatus) =>
    record.mutate({ sessionId, via: 'roll_call', marks: [{ participantId, status }] });
  return (
    <Stack gap="sm">
      <Text size="sm">{t('attendance.rollCallIntro')}</Text>
      <ErrorAlert error={record.error} />
      {rows.map((row) => {
        const headingId = `roll-${row.participantId}`;
        return (
          <Card
            key={row.participantId}
            withBorder
            padding="sm"
            component="section"
            aria-labelledby={headingId}
          >
            <Text fw={600} id={headingId}>
              {row.name}
            </Text>
            <MarkHistory row={row} />
            <SimpleGrid
              cols={{ base: 2, xs: 4 }}
              spacing="xs"
              mt="xs"
              role="group"
              aria-label={t('attendance.statusOf', { name: row.name })}
            >
              {attendanceStatuses.map((status) => (
                <Button
                  key={status}
                  size="lg"
                  variant={row.status === status ? 'filled' : 'default'}
                  color={attendanceStatusColour[status]}
                  autoContrast
                  aria-pressed={row.status === status}
                  disabled={record.isPending}
                  onClick={() => mark(row.participantId, status)}
                >
                  {t(`attendance.status.${status}`)}
                </Button>
              ))}
            </SimpleGrid>
          </Card>
        );
      })}
    </Stack>
  );
}

/** Marks copied from the signed sheet, sent in one request `via: paper`. */
function PaperSheet({ sessionId, rows }: { sessionId: number; rows: Row[] }) {
  const { t } = useTranslation('training');
  const record = useRecordAttendance();
  const [marks, setMarks] = useState<Record<string, AttendanceStatus | ''>>({});
  const [isEmpty, setEmpty] = useState(false);
  const save = () => {
    const chosen = Object.entries(marks).flatMap(([participantId, status]) =>
      status ? [{ participantId, status }] : [],
    );
    setEmpty(chosen.length === 0);
    if (chosen.length === 0) return;
    record.mutate(
      { sessionId, via: 'paper', marks: chosen },
      {
        onSuccess: () => {
          setMarks({});
          notifySuccess(t('attendance.saved'));
        },
      },
    );
  };
  const options = [
    { value: '', label: '—' },
    ...attendanceStatuses.map((status) => ({ value: status, label: t(`attendance.status.${status}`) })),
  ];
  return (
    <Stack gap="sm">
      <Text size="sm">{t('attendance.paperIntro')}</Text>
      <div>
        <Button component="a" variant="light" href={signInSheetUrl(sessionId)} download>
          {t('attendance.printSheet')}
        </Button>
      </div>
      <ScrollTable label={t('attendance.paperTableLabel')} minWidth={480}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('participants.name')}</Table.Th>
            <Table.Th scope="col">{t('attendance.title')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.participantId}>
              <Table.Td>
                <Text size="sm">{row.name}</Text>
                <MarkHistory row={row} />
              </Table.Td>
              <Table.Td>
                <NativeSelect
                  aria-label={t('attendance.statusOf', { name: row.name })}
                  data={options}
                  value={marks[row.participantId] ?? ''}
                  onChange={(event) => {
                    const value = event.currentTarget.value as AttendanceStatus | '';
                    setMarks((current) => ({ ...current, [row.participantId]: value }));
                  }}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {isEmpty && (
        <Text size="sm" c="red.8" role="alert">
          {t('attendance.paperEmpty')}
        </Text>
      )}
      <ErrorAlert error={record.error} />
      <Group justify="flex-end">
        <Button onClick={save} loading={record.isPending}>
          {t('attendance.paperSave')}
        </Button>
      </Group>
    </Stack>
  );
}

function TallyForm({ attendance }: { attendance: AttendanceResponse }) {
  const { t } = useTranslation('training');
  const record = useRecordTally();
  const tally = attendance.session.tally;
  const form = useForm<{ women: number | string; men: number | string; unknown: number | string }>({
    initialValues: { women: tally?.women ?? 0, men: tally?.men ?? 0, unknown: tally?.unknown ?? 0 },
  });
  const submit = form.onSubmit((values) =>
    record.mutate(
      {
        sessionId: attendance.session.id,
        women: Number(values.women) || 0,
        men: Number(values.men) || 0,
        unknown: Number(values.unknown) || 0,
      },
      { onSuccess: () => notifySuccess(t('attendance.tallySaved')) },
    ),
  );
  const field = (name: 'women' | 'men' | 'unknown') => (
    <NumberInput
      label={t(`attendance.${name}`)}
      min={0}
      max={100_000}
      allowDecimal={false}
      size="lg"
      {...form.getInputProps(name)}
    />
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('attendance.tallyIntro')}</Text>
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          {field('women')}
          {field('men')}
          {field('unknown')}
        </SimpleGrid>
        <ErrorAlert error={record.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={record.isPending}>
            {t('attendance.tallySave')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AttendancePage() {
  const { t } = useTranslation('training');
  const params = useParams();
  const classId = Number(params.classId);
  const sessionId = Number(params.sessionId);
  const attendance = useAttendance(sessionId);
  const jakarta = useJakartaFormat();
  const [mode, setMode] = useState<Mode>('roll_call');
  usePageTitle(t('attendance.title'));
  if (attendance.isPending) return <PageLoader />;
  if (attendance.isError) return <ErrorAlert error={attendance.error} />;
  const { session, rows } = attendance.data;
  return (
    <Stack>
      <Anchor component={Link} to={paths.trainingClass(classId)} size="sm">
        {t('attendance.back')}
      </Anchor>
      <div>
        <Title order={1}>{t('attendance.title')}</Title>
        <Text c="dimmed" size="sm">
          {[session.title, jakarta.range(session.startsAt, session.endsAt), session.venue]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </div>
      <SegmentedControl
        fullWidth
        size="md"
        aria-label={t('attendance.mode')}
        value={mode}
        onChange={(value) => setMode(value)}
        data={[
          { value: 'roll_call', label: t('attendance.rollCall') },
          { value: 'paper', label: t('attendance.paper') },
          { value: 'tally', label: t('attendance.tally') },
        ]}
      />
      {mode === 'tally' ? (
        <TallyForm attendance={attendance.data} />
      ) : rows.length === 0 ? (
        <Text>{t('attendance.none')}</Text>
      ) : mode === 'roll_call' ? (
        <RollCall sessionId={session.id} rows={rows} />
      ) : (
        <>
          <PaperSheet sessionId={session.id} rows={rows} />
          <SheetPhotos sessionId={session.id} photos={attendance.data.photos} />
        </>
      )}
    </Stack>
  );
}

/** The photo (or scan) of the signed sheet, kept with the session as the evidence of the paper marks. */
function SheetPhotos({ sessionId, photos }: { sessionId: number; photos: AttendanceResponse['photos'] }) {
  const { t } = useTranslation('training');
  const format = useJakartaFormat();
  const upload = useUploadSheetPhoto();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  return (
    <Stack component="section" gap="xs" aria-labelledby={`${inputId}-title`}>
      <Title order={2} size="h4" id={`${inputId}-title`}>
        {t('attendance.photos.title')}
      </Title>
      {photos.length === 0 ? (
        <Text size="sm">{t('attendance.photos.none')}</Text>
      ) : (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {photos.map((photo, index) => (
            <li key={photo.id}>
              <Anchor href={sheetPhotoUrl(sessionId, photo.id)} download>
                {t('attendance.photos.item', { number: index + 1, at: format.dateTime(photo.uploadedAt) })}
              </Anchor>
            </li>
          ))}
        </Stack>
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!file) {
            setMissing(true);
            return;
          }
          upload.mutate(
            { sessionId, file },
            {
              onSuccess: () => {
                setFile(null);
                notifySuccess(t('attendance.photos.added'));
              },
            },
          );
        }}
      >
        <Stack gap="xs">
          <Input.Wrapper
            label={t('attendance.photos.file')}
            description={t('attendance.photos.hint')}
            error={missing ? t('attendance.photos.required') : undefined}
            id={inputId}
          >
            <input
              id={inputId}
              type="file"
              accept="image/jpeg,image/png,image/webp,application/pdf"
              className="setara-file-input"
              aria-invalid={missing ? true : undefined}
              aria-describedby={
                missing ? `${inputId}-description ${inputId}-error` : `${inputId}-description`
              }
              onChange={(event) => {
                setFile(event.currentTarget.files?.[0] ?? null);
                setMissing(false);
              }}
            />
          </Input.Wrapper>
          <ErrorAlert error={upload.error} />
          <div>
            <Button type="submit" variant="default" loading={upload.isPending}>
              {t('attendance.photos.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </Stack>
  );
}
