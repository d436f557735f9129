import { createHash } from 'node:crypto';
import { canonicalText, type CommitmentText } from '../../../shared/commitment-text.ts';

export {
  canonicalPiece,
  canonicalText,
  versionOne,
  type CommitmentPoint,
  type CommitmentText,
} from '../../../shared/commitment-text.ts';

/** SHA-256 of the canonical document's UTF-8 bytes. */
export function canonicalSha256(text: CommitmentText): Buffer {
  return createHash('sha256').update(canonicalText(text), 'utf8').digest();
}
