import { zodResolver } from '@hookform/resolvers/zod';
import { Suspense, lazy, useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { UpdateAgentRequestSchema, type Agent } from '@contract/agents';
import { ErrorAlert } from '@client/components/ui/alert';
import { Button } from '@client/components/ui/button';
import { FieldError, FieldHint, Label, describedBy } from '@client/components/ui/field';
import { Input } from '@client/components/ui/input';
import { Textarea } from '@client/components/ui/textarea';
import { useToast } from '@client/components/ui/toast';
import { errorMessage, isApiError } from '@client/lib/api-client';
import { ADMIN_ONLY, usePermissions } from '@client/lib/authorization';
import { useBlocker } from '@client/lib/router';
import { useUpdateAgent } from '../api/update-agent';

const FIELDS = ['name', 'description'] as const;

// The question is rare, and Radix Dialog is most of its weight: loaded once there are edits to lose.
const loadConfirmDialog = () => import('@client/components/ui/confirm-dialog');
const ConfirmDialog = lazy(async () => ({ default: (await loadConfirmDialog()).ConfirmDialog }));

export function AgentGeneralForm({ agent }: { agent: Agent }) {
  const { canChangeAgents } = usePermissions();
  const { toast } = useToast();
  const update = useUpdateAgent(agent.id);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isDirty },
  } = useForm({
    resolver: zodResolver(UpdateAgentRequestSchema),
    defaultValues: { name: agent.name, description: agent.description },
  });

  const onSubmit = handleSubmit((values) => {
    update.mutate(values, {
      onSuccess: (saved) => {
        reset({ name: saved.name, description: saved.description });
        toast('Agent saved');
      },
      onError: (error) => {
        if (!isApiError(error)) return;
        for (const field of FIELDS) {
          const message = error.fields[field];
          if (message) setError(field, { message });
        }
      },
    });
  });

  const hasFieldErrors = isApiError(update.error) && Object.keys(update.error.fields).length > 0;

  // Leaving with unsaved edits (another tab, the sidebar, Back) asks first.
  const blocker = useBlocker(isDirty && !update.isPending);
  useEffect(() => {
    if (isDirty) void loadConfirmDialog();
  }, [isDirty]);

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className="max-w-2xl space-y-6">
      <fieldset disabled={!canChangeAgents} className="space-y-6">
        <legend className="sr-only">Agent details</legend>
        <div>
          <Label htmlFor="agent-name">Name</Label>
          <Input
            id="agent-name"
            className="mt-1.5"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy(errors.name && 'agent-name-error')}
            {...register('name')}
          />
          <FieldError id="agent-name-error">{errors.name?.message}</FieldError>
        </div>
        <div>
          <Label htmlFor="agent-description">Description</Label>
          <Textarea
            id="agent-description"
            rows={4}
            className="mt-1.5"
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={describedBy(errors.description && 'agent-description-error')}
            {...register('description')}
          />
          <FieldError id="agent-description-error">{errors.description?.message}</FieldError>
        </div>
      </fieldset>
      {update.isError && !hasFieldErrors ? (
        <ErrorAlert>{errorMessage(update.error)}</ErrorAlert>
      ) : null}
      <div className="flex items-center gap-3">
        <Button
          type="submit"
          variant="primary"
          disabled={!canChangeAgents || !isDirty || update.isPending}
          aria-describedby={canChangeAgents ? undefined : 'agent-admin-only'}
        >
          {update.isPending ? 'Saving…' : 'Save'}
        </Button>
        {!canChangeAgents ? <FieldHint id="agent-admin-only">{ADMIN_ONLY.agents}</FieldHint> : null}
      </div>
      {blocker.state === 'blocked' ? (
        <Suspense fallback={null}>
          <ConfirmDialog
            open
            onOpenChange={(open) => {
              if (!open) blocker.reset();
            }}
            title="Leave without saving?"
            description="Your changes to this agent’s name and description have not been saved. They are lost if you leave."
            confirmLabel="Leave"
            onConfirm={blocker.proceed}
          />
        </Suspense>
      ) : null}
    </form>
  );
}
