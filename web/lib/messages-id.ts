import base from '../../shared/locales/id/web.json';
import { collectMessages, type MessageTree } from './messages.ts';

/** Every screen text of the staff app in this language: one chunk, loaded by messages.ts on demand. */
const parts = import.meta.glob<MessageTree>('../../shared/locales/id/web-*.json', {
  eager: true,
  import: 'default',
});

export const messages: MessageTree = collectMessages(base, parts);
