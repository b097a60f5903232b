/**
 * Creating an API key: a name first, then the whole key, shown this once with a Copy button. The key
 * lives only in this dialog's state; Done (or closing) forgets it.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Copy, KeyRound, TriangleAlert } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useForm } from 'react-hook-form';
import {
  CreateApiKeyRequestSchema,
  type CreateApiKeyRequest,
  type CreatedApiKey,
} from '@contract/api-keys';
import { ErrorAlert } from '@client/components/ui/alert';
import { Button } from '@client/components/ui/button';
import {
  Dialog,
  DialogBody,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@client/components/ui/dialog';
import { FieldError, FieldHint, Label, describedBy } from '@client/components/ui/field';
import { Input } from '@client/components/ui/input';
import { useToast } from '@client/components/ui/toast';
import { errorMessage, isApiError } from '@client/lib/api-client';
import { useCreateApiKey } from '../api/create-api-key';

export function CreateApiKeyDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const create = useCreateApiKey();
  const created = create.data;

  const close = () => {
    create.reset();
    onOpenChange(false);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        // Closing mid-request would create a key that nobody ever sees.
        if (create.isPending) return;
        if (next) onOpenChange(true);
        else close();
      }}
    >
      <DialogContent
        size="md"
        // A stray click beside the dialog must not throw away a key that cannot be shown again.
        onInteractOutside={(event) => created && event.preventDefault()}
      >
        <DialogHeader bordered icon={<KeyRound aria-hidden="true" className="size-5" />}>
          <DialogTitle>{created ? 'API key created' : 'Create API key'}</DialogTitle>
          <DialogDescription>
            {created
              ? `${created.name} can now send call events to Ringpost.`
              : 'The call platform uses it to send call events to Ringpost.'}
          </DialogDescription>
        </DialogHeader>
        {created ? (
          <CreatedKey created={created} onDone={close} />
        ) : (
          <NameForm
            pending={create.isPending}
            error={create.error}
            onSubmit={(body, setFieldError) =>
              create.mutate(body, {
                onError: (error) => {
                  const message = isApiError(error) ? error.fields.name : undefined;
                  if (message) setFieldError(message);
                },
              })
            }
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function NameForm({
  pending,
  error,
  onSubmit,
}: {
  pending: boolean;
  error: unknown;
  onSubmit: (body: CreateApiKeyRequest, setFieldError: (message: string) => void) => void;
}) {
  const form = useForm<CreateApiKeyRequest>({
    resolver: zodResolver(CreateApiKeyRequestSchema),
    defaultValues: { name: '' },
  });
  const nameError = form.formState.errors.name?.message;
  const submit = form.handleSubmit((values) =>
    onSubmit(values, (message) => form.setError('name', { message }, { shouldFocus: true })),
  );
  // Field problems show beside the field; anything else above the buttons.
  const unplaced = error && !(isApiError(error) && error.fields.name);

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="flex min-h-0 flex-col">
      <DialogBody className="space-y-4">
        <div>
          <Label htmlFor="api-key-name">Name</Label>
          <Input
            id="api-key-name"
            className="mt-1.5"
            autoComplete="off"
            placeholder="Voice platform (production)"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={describedBy('api-key-name-hint', nameError && 'api-key-name-error')}
            {...form.register('name')}
          />
          <FieldHint id="api-key-name-hint">
            So that you can tell keys apart later, for example where it is used.
          </FieldHint>
          <FieldError id="api-key-name-error">{nameError}</FieldError>
        </div>
        {unplaced ? <ErrorAlert>{errorMessage(error)}</ErrorAlert> : null}
      </DialogBody>
      <DialogFooter className="border-t border-gray-100 pt-4">
        <DialogClose asChild>
          <Button disabled={pending}>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? 'Creating…' : 'Create key'}
        </Button>
      </DialogFooter>
    </form>
  );
}

function CreatedKey({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const { toast } = useToast();
  const keyInput = useRef<HTMLInputElement>(null);
  // The form that had focus is gone: put focus on the key, selected, ready to be copied.
  useEffect(() => {
    keyInput.current?.focus();
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      toast('Copied');
    } catch {
      toast('Could not copy: select the key and copy it by hand');
    }
  };

  return (
    <>
      <DialogBody className="space-y-4">
        <div
          role="alert"
          className="flex items-start gap-2 rounded-xl border border-amber-200 bg-amber-50 px-3.5 py-2.5 text-sm text-amber-900"
        >
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <p>Copy this key now. You will not be able to see it again.</p>
        </div>
        <div>
          <Label htmlFor="created-api-key">API key</Label>
          <div className="mt-1.5 flex items-center gap-2">
            <Input
              ref={keyInput}
              id="created-api-key"
              readOnly
              value={created.key}
              spellCheck={false}
              className="font-mono"
              onFocus={(event) => event.currentTarget.select()}
            />
            <Button onClick={() => void copy()}>
              <Copy aria-hidden="true" className="size-4" />
              Copy
            </Button>
          </div>
        </div>
        <p className="text-sm text-gray-600">
          Send it as <code className="font-mono text-xs text-gray-800">Authorization: Bearer</code>{' '}
          with each <code className="font-mono text-xs text-gray-800">POST /api/v1/events</code>.
        </p>
      </DialogBody>
      <DialogFooter className="border-t border-gray-100 pt-4">
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </DialogFooter>
    </>
  );
}
