import { ChevronDown, Send } from 'lucide-react';
import { useState } from 'react';
import { EVENT_TYPES, EVENT_TYPE_INFO, type EventType } from '@contract/event-type-info';
import { EventTypeSchema } from '@contract/event-types';
import { ErrorAlert } from '@client/components/ui/alert';
import { Button } from '@client/components/ui/button';
import { FieldHint } from '@client/components/ui/field';
import { useToast } from '@client/components/ui/toast';
import { errorMessage } from '@client/lib/api-client';
import { ADMIN_OR_SUPPORT_ONLY, usePermissions } from '@client/lib/authorization';
import { cn } from '@client/lib/cn';
import { useSendTestEvent } from '../api/send-test-event';

/** Sends a signed example of one event type through the delivery engine. */
export function SendTestEvent({
  webhookId,
  disabled,
}: {
  webhookId: string;
  /** The endpoint is disabled: the server refuses tests until it is enabled. */
  disabled: boolean;
}) {
  const { canSendTests } = usePermissions();
  const [eventType, setEventType] = useState<EventType>('pre-conversation');
  const send = useSendTestEvent(webhookId);
  const { toast } = useToast();
  const reason = !canSendTests
    ? ADMIN_OR_SUPPORT_ONLY.tests
    : disabled
      ? 'Enable the endpoint to send test events.'
      : null;
  const hintId = reason ? 'send-test-event-unavailable' : undefined;

  return (
    <div className="flex flex-col items-end gap-1.5">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {/*
          A native select: outside a dialog, Radix Select hides the rest of the page from assistive
          technology while open, which leaves the page's focusable controls aria-hidden.
        */}
        <span className="relative">
          <select
            aria-label="Test event type"
            aria-describedby={hintId}
            value={eventType}
            disabled={reason !== null}
            onChange={(event) => {
              const parsed = EventTypeSchema.safeParse(event.target.value);
              if (parsed.success) setEventType(parsed.data);
            }}
            className={cn(
              'h-8 w-52 appearance-none rounded-lg border border-gray-300 bg-white pr-8 pl-3 text-sm text-gray-900 shadow-xs',
              'focus-visible:border-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600/40',
              'disabled:cursor-not-allowed disabled:bg-gray-50 disabled:text-gray-600',
            )}
          >
            {EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {EVENT_TYPE_INFO[type].label}
              </option>
            ))}
          </select>
          <ChevronDown
            aria-hidden="true"
            className="pointer-events-none absolute top-2 right-2.5 size-4 text-gray-500"
          />
        </span>
        <Button
          size="sm"
          disabled={reason !== null || send.isPending}
          aria-describedby={hintId}
          onClick={() => {
            send.reset();
            send.mutate(eventType, { onSuccess: () => toast('Test event queued') });
          }}
        >
          <Send aria-hidden="true" className="size-4" />
          {send.isPending ? 'Sending…' : 'Send test event'}
        </Button>
      </div>
      {hintId ? <FieldHint id={hintId}>{reason}</FieldHint> : null}
      {send.isError ? <ErrorAlert>{errorMessage(send.error)}</ErrorAlert> : null}
    </div>
  );
}
