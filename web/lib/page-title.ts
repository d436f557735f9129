import { useEffect } from 'react';

/** Sets the browser tab title to "<page> · Setara", so screen reader users hear where they landed. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Setara` : 'Setara';
  }, [title]);
}
