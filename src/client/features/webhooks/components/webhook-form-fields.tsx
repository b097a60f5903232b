import { Plus, X } from 'lucide-react';
import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { HEADER_NAME_MAX, HEADER_VALUE_MAX } from '@contract/webhooks';
import { Button } from '@client/components/ui/button';
import { FieldError, FieldHint, Label, describedBy } from '@client/components/ui/field';
import { Input } from '@client/components/ui/input';
import { Textarea } from '@client/components/ui/textarea';
import { CUSTOM_HEADERS_MAX, type WebhookFormValues } from '../utils/webhook-form-schema';

/** URL, description and custom headers: the fields the create page and the edit dialog share. */
export function WebhookFormFields({
  form,
  idPrefix,
}: {
  form: UseFormReturn<WebhookFormValues>;
  idPrefix: string;
}) {
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const headers = useFieldArray({ control, name: 'headers' });
  const ids = {
    url: `${idPrefix}-url`,
    urlError: `${idPrefix}-url-error`,
    description: `${idPrefix}-description`,
    descriptionError: `${idPrefix}-description-error`,
    headersHeading: `${idPrefix}-headers-heading`,
    headersHint: `${idPrefix}-headers-hint`,
    headersError: `${idPrefix}-headers-error`,
  };
  const headersError = errors.headers?.root?.message ?? errors.headers?.message;
  const full = headers.fields.length >= CUSTOM_HEADERS_MAX;

  return (
    <>
      <div>
        <Label htmlFor={ids.url}>Endpoint URL</Label>
        <Input
          id={ids.url}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://your-server.com/webhook"
          className="mt-1.5"
          aria-invalid={errors.url ? true : undefined}
          aria-describedby={describedBy(errors.url && ids.urlError)}
          {...register('url')}
        />
        <FieldError id={ids.urlError}>{errors.url?.message}</FieldError>
      </div>

      <div>
        <Label htmlFor={ids.description}>Description</Label>
        <Textarea
          id={ids.description}
          rows={3}
          placeholder="Describe what this webhook endpoint is used for (optional)"
          className="mt-1.5"
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={describedBy(errors.description && ids.descriptionError)}
          {...register('description')}
        />
        <FieldError id={ids.descriptionError}>{errors.description?.message}</FieldError>
      </div>

      <fieldset aria-describedby={describedBy(ids.headersHint, headersError && ids.headersError)}>
        <legend id={ids.headersHeading} className="text-sm font-medium text-gray-900">
          Custom headers <span className="font-normal text-gray-500">(optional)</span>
        </legend>
        <FieldHint id={ids.headersHint}>
          Sent with every delivery, for example a token your server checks. At most{' '}
          {CUSTOM_HEADERS_MAX}.
        </FieldHint>
        {headers.fields.length > 0 ? (
          <ul className="mt-3 space-y-3">
            {headers.fields.map((row, index) => {
              const rowErrors = errors.headers?.[index];
              const nameId = `${idPrefix}-header-${index}-name`;
              const valueId = `${idPrefix}-header-${index}-value`;
              return (
                <li key={row.id} className="grid grid-cols-[1fr_1.4fr_auto] items-start gap-2">
                  <div>
                    <Input
                      id={nameId}
                      aria-label={`Header ${index + 1} name`}
                      placeholder="Name"
                      autoComplete="off"
                      spellCheck={false}
                      maxLength={HEADER_NAME_MAX}
                      aria-invalid={rowErrors?.name ? true : undefined}
                      aria-describedby={describedBy(rowErrors?.name && `${nameId}-error`)}
                      {...register(`headers.${index}.name`)}
                    />
                    <FieldError id={`${nameId}-error`}>{rowErrors?.name?.message}</FieldError>
                  </div>
                  <div>
                    <Input
                      id={valueId}
                      aria-label={`Header ${index + 1} value`}
                      placeholder="Value"
                      autoComplete="off"
                      spellCheck={false}
                      maxLength={HEADER_VALUE_MAX}
                      aria-invalid={rowErrors?.value ? true : undefined}
                      aria-describedby={describedBy(rowErrors?.value && `${valueId}-error`)}
                      {...register(`headers.${index}.value`)}
                    />
                    <FieldError id={`${valueId}-error`}>{rowErrors?.value?.message}</FieldError>
                  </div>
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={`Remove header ${index + 1}`}
                    onClick={() => headers.remove(index)}
                  >
                    <X aria-hidden="true" className="size-4" />
                  </Button>
                </li>
              );
            })}
          </ul>
        ) : null}
        <Button
          size="sm"
          className="mt-3"
          disabled={full}
          onClick={() => headers.append({ name: '', value: '' })}
        >
          <Plus aria-hidden="true" className="size-4" />
          Add header
        </Button>
        <FieldError id={ids.headersError}>{headersError}</FieldError>
      </fieldset>
    </>
  );
}
