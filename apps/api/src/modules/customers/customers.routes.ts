import {
  CustomerBodySchema,
  CustomerListQuerySchema,
  CustomerListSchema,
  CustomerPatchSchema,
  CustomerSchema,
  IdParamsSchema,
} from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { createCustomer, getCustomer, listCustomers, updateCustomer } from './customers.service.ts';

const tags = ['customers'];
const managers = { access: { roles: ['ADMIN' as const, 'MANAGER' as const] } };

export default async function customersRoutes(app: App) {
  app.get('/customers', {
    schema: {
      tags,
      summary: 'Search customers',
      description: '`q` matches name, email or phone (case-insensitive, anywhere in the text). Sorted by name; paginated with `limit`/`offset`; '
        + '`total` counts every match. Archived customers only with `includeArchived=true`.',
      querystring: CustomerListQuerySchema,
      response: { 200: CustomerListSchema },
    },
  }, async (request) => listCustomers({ sql: app.database.sql, orgId: request.auth.orgId, ...request.query }));

  app.post('/customers', {
    config: managers,
    schema: { tags, summary: 'Create a customer (managers, admins)', body: CustomerBodySchema, response: { 201: CustomerSchema } },
  }, async (request, reply) => {
    const customer = await createCustomer({ db: request.db, body: request.body });
    app.events.publish(request.auth.orgId, { type: 'customer.changed', customerId: customer.id });
    return reply.status(201).send(customer);
  });

  app.get('/customers/:id', {
    schema: { tags, summary: 'One customer', params: IdParamsSchema, response: { 200: CustomerSchema } },
  }, async (request) => getCustomer({ db: request.db, id: request.params.id }));

  app.patch('/customers/:id', {
    config: managers,
    schema: {
      tags,
      summary: 'Edit or archive a customer (managers, admins)',
      description: '`{ "archived": true }` archives: the customer leaves pickers and takes no new work; its entries stay. `false` restores it.',
      params: IdParamsSchema,
      body: CustomerPatchSchema,
      response: { 200: CustomerSchema },
    },
  }, async (request) => {
    const customer = await updateCustomer({ db: request.db, id: request.params.id, body: request.body });
    // The timer's organisation cache holds names and the archived flag.
    app.events.publish(request.auth.orgId, { type: 'customer.changed', customerId: customer.id });
    return customer;
  });
}
