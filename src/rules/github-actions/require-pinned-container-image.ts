import { defineRule } from '../../engine/rule';
import { entriesOf, ghaFiles, stringOf, type GhaJob, type GhaString } from './model';

const DIGEST = /@sha256:[0-9a-f]{64}$/i;

export default defineRule({
  id: 'github-actions/require-pinned-container-image',
  languages: ['yaml'],
  meta: {
    description: 'Job containers and service containers should be pinned by digest (image@sha256:…)',
    severity: 'info',
    category: 'supply-chain',
    riskArea: 'supply-chain',
    cwe: ['CWE-829', 'CWE-494'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      unpinned:
        "The {{where}} of job '{{job}}' uses the image '{{image}}' by tag, which its publisher (or whoever takes over the registry account) can re-push with new content; the job then runs it with its token and secrets. Pin the image by digest (image@sha256:…) and keep the tag in a comment.",
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          for (const job of file.jobs) {
            for (const { image, where } of images(job)) {
              const value = image.value.trim();
              if (value === '' || value.includes('${{') || DIGEST.test(value)) continue;
              context.report({ range: image.range, messageId: 'unpinned', data: { where, image: value, job: job.id } });
            }
          }
        }
      },
    };
  },
});

/** `container:` (a string or its `image:`) and each `services.<name>.image`. */
function images(job: GhaJob): Array<{ image: GhaString; where: string }> {
  const found: Array<{ image: GhaString; where: string }> = [];
  const container = job.entries.get('container')?.value ?? null;
  const image = stringOf(container) ?? stringOf(entriesOf(container).get('image')?.value);
  if (image) found.push({ image, where: 'container' });
  for (const service of entriesOf(job.entries.get('services')?.value).values()) {
    const serviceImage = stringOf(entriesOf(service.value).get('image')?.value);
    if (serviceImage) found.push({ image: serviceImage, where: `service '${service.key}'` });
  }
  return found;
}
