import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../platform/http/context.js';
import { apiRoute, currentValues } from '../../platform/http/api.js';
import { runCommand } from '../../platform/http/forms.js';
import { notFound } from '../../platform/refusals.js';
import { createPrincipalKind, removePrincipalKind, updatePrincipalKind } from './commands/index.js';
import { listPrincipalKinds, principalKindByKey } from './principal-kinds.js';
import type { PrincipalKindRow } from './schema.js';

/*
 * The principal kinds through the JSON API: listed for everyone, added, renamed and (an added
 * one nothing uses) removed by administrators, as on /principals/kinds.
 */

export const principalKindOut = z.object({
  key: z.string().describe('Stable key: region, municipality, other, or one made from the name when added'),
  nameSv: z.string(),
  nameEn: z.string(),
  name: z.string().describe("The name in the reader's language"),
  builtIn: z.boolean().describe('Built-in kinds cannot be removed'),
  position: z.number().int(),
  version: z.number().int(),
});
const keyParam = z.object({ key: z.string().min(1).max(40) });
const kindPatch = updatePrincipalKind.input.omit({ key: true });

function kindJson(k: PrincipalKindRow, lang: string): z.input<typeof principalKindOut> {
  return { key: k.key, nameSv: k.nameSv, nameEn: k.nameEn, name: lang === 'en' ? k.nameEn : k.nameSv, builtIn: k.builtIn, position: k.position, version: k.version };
}

export function principalKindRoutes(app: Hono<AppEnv>, tags: string[]) {
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/principal-kinds',
      operationId: 'structure.listPrincipalKinds',
      summary: 'The kinds of principal (built-in and added by administrators), in order',
      tags,
      response: z.object({ items: z.array(principalKindOut) }),
    },
    async (c) => ({ items: (await listPrincipalKinds(c.get('deps').database.db)).map((k) => kindJson(k, c.get('lang'))) }),
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/principal-kinds',
      operationId: createPrincipalKind.name,
      summary: 'Add a kind of principal (administrators); its key is made from the Swedish name',
      tags,
      body: createPrincipalKind.input,
      response: principalKindOut,
      status: 201,
      errors: [401, 403],
    },
    async (c, { body }) => kindJson(await runCommand(c, createPrincipalKind, body), c.get('lang')),
  );
  apiRoute(
    app,
    {
      method: 'patch',
      path: '/api/principal-kinds/:key',
      operationId: updatePrincipalKind.name,
      summary: 'Rename a kind of principal (administrators); fields left out keep their values',
      tags,
      params: keyParam,
      body: kindPatch,
      current: async (c, params) => {
        const row = await principalKindByKey(c.get('deps').database.db, params.key);
        if (!row) notFound('structure.refuse.kindNotFound', { kind: params.key });
        return currentValues(kindPatch, row);
      },
      response: principalKindOut,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => kindJson(await runCommand(c, updatePrincipalKind, { ...body, key: params.key }), c.get('lang')),
  );
  apiRoute(
    app,
    {
      method: 'delete',
      path: '/api/principal-kinds/:key',
      operationId: removePrincipalKind.name,
      summary: 'Remove a kind of principal an administrator added and nothing uses (built-in kinds stay)',
      tags,
      params: keyParam,
      response: z.object({ removed: z.string() }),
      errors: [401, 403, 404],
    },
    (c, { params }) => runCommand(c, removePrincipalKind, { key: params.key }),
  );
}
