import { Anchor, Box, Center, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { roomCodeQueryOptions } from '../api/training-api.ts';
import { useJakartaFormat } from '../components/training-format.ts';

/**
 * The QR code as an image. The SVG is our own server's, but it still never goes through innerHTML: as
 * an <img> data URL the browser renders it without running or fetching anything inside it.
 */
export const svgDataUrl = (svg: string): string =>
  `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** Waits until `validUntil` (at least 1 s, so a clock ahead of the server's never spins). */
export const refreshDelay = (validUntil: string, now = Date.now()): number => {
  const at = Date.parse(validUntil);
  return Number.isNaN(at) ? 5_000 : Math.max(1_000, at - now);
};

/** The room display for self check-in: full screen, outside the app shell, one code at a time. */
export function RoomDisplayPage() {
  const { t } = useTranslation('training');
  const params = useParams();
  const classId = Number(params.classId);
  const sessionId = Number(params.sessionId);
  const jakarta = useJakartaFormat();
  const room = useQuery(roomCodeQueryOptions(sessionId));
  const { refetch } = room;
  const validUntil = room.data?.validUntil;
  usePageTitle(t('room.title'));

  // A new code when this one stops being shown (the server still accepts it for its grace period).
  useEffect(() => {
    if (!validUntil) return;
    const timer = window.setTimeout(() => void refetch(), refreshDelay(validUntil));
    return () => window.clearTimeout(timer);
  }, [validUntil, refetch]);

  const data = room.data;
  const windowText = !data
    ? ''
    : data.window.open
      ? t('room.open', { closes: jakarta.time(data.window.closes) })
      : // Compared with the code's own time (the server's clock), not the display's.
        Date.parse(data.window.opens) > Date.parse(data.validUntil)
        ? t('room.notYet', { opens: jakarta.dateTime(data.window.opens) })
        : t('room.closed', { closes: jakarta.dateTime(data.window.closes) });

  return (
    <Box
      component="main"
      id="main-content"
      pos="fixed"
      inset={0}
      bg="white"
      style={{ overflow: 'auto', zIndex: 200 }}
    >
      <Center mih="100%" p="md">
        <Stack align="center" gap="md" maw={900} w="100%">
          <Title order={1} ta="center">
            {t('room.title')}
          </Title>
          {room.isPending ? (
            <PageLoader />
          ) : room.isError && !data ? (
            <ErrorAlert error={room.error} />
          ) : data ? (
            <>
              <Text size="xl" fw={600} ta="center" data-window={data.window.open ? 'open' : 'closed'}>
                {windowText}
              </Text>
              {data.window.open && (
                <>
                  <Text size="lg" ta="center">
                    {t('room.scan')}
                  </Text>
                  <img
                    src={svgDataUrl(data.qrSvg)}
                    alt={t('room.qrAlt')}
                    style={{
                      width: 'min(70vh, 90vw)',
                      height: 'min(70vh, 90vw)',
                      imageRendering: 'pixelated',
                    }}
                  />
                  <Text size="lg" ta="center">
                    {t('room.typeCode')}
                  </Text>
                  <Text
                    ff="monospace"
                    fw={800}
                    ta="center"
                    style={{ fontSize: 'clamp(3rem, 12vw, 8rem)', letterSpacing: '0.15em', lineHeight: 1 }}
                    aria-live="polite"
                    data-testid="room-code"
                  >
                    {data.code}
                  </Text>
                  <Text c="dimmed" ta="center">
                    {t('room.refreshes', { seconds: data.stepSeconds })}
                  </Text>
                </>
              )}
              <ErrorAlert error={room.error} />
            </>
          ) : null}
          <Anchor component={Link} to={paths.trainingClass(classId)}>
            {t('room.exit')}
          </Anchor>
        </Stack>
      </Center>
    </Box>
  );
}
