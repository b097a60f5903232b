import { useState } from 'react';
import { MASKED_HEADER_VALUE } from '@contract/webhooks';
import { RevealButton } from '@client/components/ui/reveal-button';
import { usePermissions } from '@client/lib/authorization';

/**
 * The headers sent with every delivery. Their values are usually credentials (the create page says to
 * put them here), so they are masked on screen; admins, the only role the API gives them to, may reveal
 * them, as with the signing secret.
 */
export function CustomHeaders({ headers }: { headers: Record<string, string> }) {
  const { canSeeSecrets } = usePermissions();
  const [revealed, setRevealed] = useState(false);
  const names = Object.keys(headers);
  return (
    <div className="space-y-2">
      <dl className="divide-y divide-gray-100 rounded-xl border border-gray-200 text-sm">
        {names.map((name) => (
          <div key={name} className="grid grid-cols-[minmax(8rem,16rem)_1fr] gap-4 px-5 py-2.5">
            <dt className="font-mono text-gray-900">{name}</dt>
            <dd
              className="font-mono break-all text-gray-700"
              aria-label={revealed ? undefined : `${name} value, hidden`}
            >
              {revealed ? headers[name] : MASKED_HEADER_VALUE}
            </dd>
          </div>
        ))}
      </dl>
      {canSeeSecrets ? (
        <RevealButton revealed={revealed} onToggle={() => setRevealed((r) => !r)} what="values" />
      ) : (
        <p className="text-sm text-gray-600">Only admins can see header values</p>
      )}
    </div>
  );
}
