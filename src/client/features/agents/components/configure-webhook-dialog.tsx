/**
 * The Configure Webhook modal (the platform's documented Setup Process; README "Run it"): pick one of the
 * organisation's endpoints, then the call events this agent sends to it. Loaded on demand, since it
 * brings Dialog, Select, Checkbox and react-hook-form with it.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Webhook } from 'lucide-react';
import { useId, useRef, useState, type Ref } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { Link } from '@client/lib/router';
import { z } from 'zod';
import { PutAgentWebhookRequestSchema, type Agent, type AgentWebhook } from '@contract/agents';
import { IdSchema } from '@contract/common';
import {
  EVENT_TYPES,
  EVENT_TYPE_INFO,
  sortEventTypes,
  type EventType,
} from '@contract/event-type-info';
import type { WebhookSummary } from '@contract/webhooks';
import { ErrorAlert } from '@client/components/ui/alert';
import { Badge } from '@client/components/ui/badge';
import { Button, buttonClasses } from '@client/components/ui/button';
import { Checkbox } from '@client/components/ui/checkbox';
import {
  Dialog,
  DialogBody,
  DialogClose,
  DialogContent,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@client/components/ui/dialog';
import { FieldError, Label, describedBy } from '@client/components/ui/field';
import { QueryError } from '@client/components/ui/query-error';
import {
  Select,
  SelectContent,
  SelectItem,
  SelectItemText,
  SelectTrigger,
  SelectValue,
} from '@client/components/ui/select';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { useToast } from '@client/components/ui/toast';
import { errorMessage, isApiError } from '@client/lib/api-client';
import { cn } from '@client/lib/cn';
import { usePutAgentWebhook } from '../api/put-agent-webhook';

/** The contract's request, with a message for the empty dropdown that a person can act on. */
const ConfigureWebhookFormSchema = PutAgentWebhookRequestSchema.extend({
  webhookId: z.string().min(1, 'Select a webhook endpoint').pipe(IdSchema),
});

type ConfigureWebhookFormValues = z.input<typeof ConfigureWebhookFormSchema>;

export interface ConfigureWebhookDialogProps {
  agent: Agent;
  /** The organisation's endpoints; undefined while they load. */
  endpoints: readonly WebhookSummary[] | undefined;
  endpointsError?: unknown;
  onRetryEndpoints?: () => void;
  /** An endpoint to choose on opening (the one just created for this agent). */
  preselectedWebhookId?: string | null;
  /** Where to create an endpoint when there is none; it should bring the user back here. */
  createEndpointHref: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function ConfigureWebhookDialog({
  agent,
  endpoints,
  endpointsError,
  onRetryEndpoints,
  preselectedWebhookId,
  createEndpointHref,
  open,
  onOpenChange,
}: ConfigureWebhookDialogProps) {
  const save = usePutAgentWebhook(agent.id);
  const { toast } = useToast();

  const close = () => onOpenChange(false);
  const createLinkRef = useRef<HTMLAnchorElement>(null);
  // The dropdown opens inside the dialog's element, so it stays within the dialog for assistive
  // technology (and axe's landmark rule) rather than in a portal at the end of <body>.
  const [dialogElement, setDialogElement] = useState<HTMLDivElement | null>(null);

  let content;
  if (endpointsError) {
    content = (
      <DialogBody>
        <QueryError
          title="Could not load webhook endpoints"
          error={endpointsError}
          onRetry={() => onRetryEndpoints?.()}
        />
      </DialogBody>
    );
  } else if (!endpoints) {
    content = (
      <DialogBody>
        <LoadingSkeleton label="Loading webhook endpoints" lines={4} />
      </DialogBody>
    );
  } else if (endpoints.length === 0) {
    content = <NoEndpoints createEndpointHref={createEndpointHref} linkRef={createLinkRef} />;
  } else {
    content = (
      <ConfigureWebhookForm
        endpoints={endpoints}
        saved={agent.webhook}
        preselectedWebhookId={preselectedWebhookId}
        pending={save.isPending}
        error={save.error}
        popupContainer={dialogElement}
        onSubmit={(body, endpoint) =>
          save.mutate(
            { body, endpoint },
            {
              onSuccess: () => {
                toast('Webhook saved');
                close();
              },
            },
          )
        }
      />
    );
  }

  return (
    <Dialog
      open={open}
      // Stay open while saving, so that a refusal is shown where the user made the change.
      onOpenChange={(next) => (save.isPending ? undefined : onOpenChange(next))}
    >
      <DialogContent
        ref={setDialogElement}
        showClose={false}
        aria-describedby={undefined}
        onOpenAutoFocus={(event) => {
          // Radix skips links when it picks the first control; here the link is the way forward.
          if (createLinkRef.current) {
            event.preventDefault();
            createLinkRef.current.focus();
          }
        }}
      >
        <DialogHeader bordered icon={<Webhook aria-hidden="true" className="size-6" />}>
          <DialogTitle className="text-[22px] font-bold">Configure Webhook</DialogTitle>
        </DialogHeader>
        {content}
      </DialogContent>
    </Dialog>
  );
}

function NoEndpoints({
  createEndpointHref,
  linkRef,
}: {
  createEndpointHref: string;
  linkRef: Ref<HTMLAnchorElement>;
}) {
  return (
    <>
      <DialogBody className="space-y-4">
        <p className="text-[15px] text-gray-700">
          You must create webhook endpoints first before they appear here.
        </p>
        <Link
          ref={linkRef}
          to={createEndpointHref}
          className={buttonClasses({ variant: 'primary' })}
        >
          Create an endpoint
        </Link>
      </DialogBody>
      <DialogFooter>
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
      </DialogFooter>
    </>
  );
}

function sameEvents(a: readonly EventType[], b: readonly EventType[]) {
  return a.length === b.length && a.every((type) => b.includes(type));
}

function ConfigureWebhookForm({
  endpoints,
  saved,
  preselectedWebhookId,
  pending,
  error,
  popupContainer,
  onSubmit,
}: {
  endpoints: readonly WebhookSummary[];
  popupContainer: HTMLElement | null;
  saved: AgentWebhook | null;
  preselectedWebhookId?: string | null | undefined;
  pending: boolean;
  error: unknown;
  onSubmit: (body: z.output<typeof ConfigureWebhookFormSchema>, endpoint: WebhookSummary) => void;
}) {
  const id = useId();
  const ids = {
    label: `${id}-endpoint-label`,
    trigger: `${id}-endpoint`,
    endpointError: `${id}-endpoint-error`,
    eventsError: `${id}-events-error`,
    hint: `${id}-hint`,
    disabledEndpoint: `${id}-disabled-endpoint`,
  };
  // Set once a box is unticked or ticked here, so that "Choose at least one event" answers the
  // person who just cleared the last box, not someone who has only picked an endpoint.
  const [eventsTouched, setEventsTouched] = useState(false);

  const preselected = endpoints.find((endpoint) => endpoint.id === preselectedWebhookId);
  const { control, handleSubmit, setError } = useForm<
    ConfigureWebhookFormValues,
    unknown,
    z.output<typeof ConfigureWebhookFormSchema>
  >({
    resolver: zodResolver(ConfigureWebhookFormSchema),
    defaultValues: {
      webhookId: preselected?.id ?? saved?.webhookId ?? '',
      eventTypes: saved?.eventTypes ?? [],
    },
  });
  const [webhookId, eventTypes] = useWatch({ control, name: ['webhookId', 'eventTypes'] });

  const hasEndpoint = webhookId !== '';
  const chosenDisabled = endpoints.find((e) => e.id === webhookId)?.status === 'disabled';
  const changed =
    !saved || saved.webhookId !== webhookId || !sameEvents(saved.eventTypes, eventTypes);
  const canSave = hasEndpoint && eventTypes.length > 0 && changed && !pending;

  const submit = handleSubmit((values) => {
    const endpoint = endpoints.find((candidate) => candidate.id === values.webhookId);
    if (!endpoint) {
      setError('webhookId', { message: 'Select a webhook endpoint' });
      return;
    }
    onSubmit({ ...values, eventTypes: sortEventTypes(values.eventTypes) }, endpoint);
  });

  // Field messages from the server go beside their inputs; the summary stays in the alert too,
  // because it is what the user must read first.
  const serverFields = isApiError(error) ? error.fields : {};

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="flex min-h-0 flex-col">
      <DialogBody className="space-y-6 pt-6">
        <Controller
          control={control}
          name="webhookId"
          render={({ field, fieldState }) => {
            const message = fieldState.error?.message ?? serverFields.webhookId;
            return (
              <div>
                <Label id={ids.label} htmlFor={ids.trigger} className="text-[15px]">
                  Webhook Endpoint
                </Label>
                <Select
                  value={field.value}
                  onValueChange={field.onChange}
                  name={field.name}
                  disabled={pending}
                >
                  <SelectTrigger
                    id={ids.trigger}
                    ref={field.ref}
                    onBlur={field.onBlur}
                    aria-labelledby={ids.label}
                    aria-invalid={message ? true : undefined}
                    aria-describedby={describedBy(
                      message && ids.endpointError,
                      chosenDisabled && ids.disabledEndpoint,
                    )}
                    className="mt-2.5"
                  >
                    <SelectValue placeholder="Select a webhook" />
                  </SelectTrigger>
                  <SelectContent container={popupContainer}>
                    {endpoints.map((endpoint) => (
                      <SelectItem key={endpoint.id} value={endpoint.id} textValue={endpoint.url}>
                        <div className="min-w-0 flex-1">
                          <div className="flex items-center gap-2">
                            <span className="min-w-0 truncate">
                              <SelectItemText>{endpoint.url}</SelectItemText>
                            </span>
                            {endpoint.status === 'disabled' ? (
                              <Badge tone="warning">Disabled</Badge>
                            ) : null}
                          </div>
                          {endpoint.description ? (
                            <p className="mt-0.5 truncate text-xs text-gray-600">
                              {endpoint.description}
                            </p>
                          ) : null}
                        </div>
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
                <FieldError id={ids.endpointError}>{message}</FieldError>
                {chosenDisabled ? (
                  <p id={ids.disabledEndpoint} className="mt-2 text-sm text-amber-800">
                    This endpoint is disabled: the events will be recorded as skipped, not sent,
                    until it is enabled on its page.
                  </p>
                ) : null}
              </div>
            );
          }}
        />

        <Controller
          control={control}
          name="eventTypes"
          render={({ field, fieldState }) => {
            const message =
              fieldState.error?.message ??
              serverFields.eventTypes ??
              (hasEndpoint && eventsTouched && field.value.length === 0
                ? 'Choose at least one event'
                : undefined);
            const disabled = !hasEndpoint || pending;
            return (
              <fieldset
                aria-describedby={describedBy(!hasEndpoint && ids.hint, message && ids.eventsError)}
              >
                <legend className="text-[15px] font-medium text-gray-900">
                  Events to subscribe
                </legend>
                <div className="mt-3 space-y-3">
                  {EVENT_TYPES.map((type) => {
                    const info = EVENT_TYPE_INFO[type];
                    const checkboxId = `${id}-${type}`;
                    const checked = field.value.includes(type);
                    return (
                      <label
                        key={type}
                        htmlFor={checkboxId}
                        className={cn(
                          'flex items-start gap-4 rounded-2xl border px-5 py-4 transition-colors',
                          disabled
                            ? 'cursor-not-allowed border-gray-200'
                            : 'cursor-pointer border-gray-200 hover:border-gray-300 hover:bg-gray-50',
                          checked &&
                            !disabled &&
                            'border-brand-600 bg-brand-50 hover:border-brand-600 hover:bg-brand-50',
                        )}
                      >
                        <Checkbox
                          id={checkboxId}
                          checked={checked}
                          disabled={disabled}
                          onBlur={field.onBlur}
                          onCheckedChange={(next) => {
                            setEventsTouched(true);
                            field.onChange(
                              sortEventTypes(
                                next === true
                                  ? [...field.value, type]
                                  : field.value.filter((t) => t !== type),
                              ),
                            );
                          }}
                          aria-labelledby={`${checkboxId}-label`}
                          aria-describedby={describedBy(
                            `${checkboxId}-description`,
                            !hasEndpoint && ids.hint,
                          )}
                          className="mt-1"
                        />
                        <span className="min-w-0">
                          <span
                            id={`${checkboxId}-label`}
                            className={cn(
                              'block text-[17px] font-medium',
                              disabled ? 'text-gray-500' : 'text-gray-900',
                            )}
                          >
                            {info.label}
                          </span>
                          <span
                            id={`${checkboxId}-description`}
                            className={cn(
                              'mt-1 block text-sm',
                              // gray-500 passes 4.5:1 on white only, not on the checked card's tint.
                              checked && !disabled ? 'text-gray-600' : 'text-gray-500',
                            )}
                          >
                            {info.description}
                          </span>
                        </span>
                      </label>
                    );
                  })}
                </div>
                {hasEndpoint ? null : (
                  <p id={ids.hint} className="mt-3 text-sm text-gray-600">
                    Select a webhook endpoint to enable event selection
                  </p>
                )}
                <FieldError id={ids.eventsError}>{message}</FieldError>
              </fieldset>
            );
          }}
        />

        {error ? <ErrorAlert>{errorMessage(error)}</ErrorAlert> : null}
      </DialogBody>
      <DialogFooter>
        <DialogClose asChild>
          <Button disabled={pending} className="h-11 px-5 text-[15px]">
            Cancel
          </Button>
        </DialogClose>
        <Button
          type="submit"
          variant="primary"
          disabled={!canSave}
          className="h-11 px-5 text-[15px]"
        >
          {pending ? 'Saving…' : 'Save'}
        </Button>
      </DialogFooter>
    </form>
  );
}
