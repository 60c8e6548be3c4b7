import {
  CategoryDeleteResultSchema, CategoryListQuerySchema, CategoryListSchema, CategorySchema,
  CreateCategoryBodySchema, IdParamsSchema,
} from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { createCategory, deleteCategory, listCategories, restoreCategory } from './categories.service.ts';

/** Step 2 of the Customer Timer settings, and the source of every category dropdown. */
export default async function categoriesRoutes(app: App) {
  app.get('/categories', {
    schema: {
      tags: ['categories'],
      summary: 'List categories (active only unless includeArchived=true)',
      querystring: CategoryListQuerySchema,
      response: { 200: CategoryListSchema },
    },
  }, async (request) => ({ items: await listCategories({ db: request.db, includeArchived: request.query.includeArchived }) }));

  app.post('/categories', {
    schema: {
      tags: ['categories'],
      summary: 'Add a category (any role; 409 CATEGORY_NAME_TAKEN if the name exists, ignoring case)',
      body: CreateCategoryBodySchema,
      response: { 201: CategorySchema },
    },
  }, async (request, reply) => {
    const category = await createCategory({ db: request.db, name: request.body.name });
    app.events.publish(request.auth.orgId, { type: 'settings.changed', what: 'categories' });
    return reply.status(201).send(category);
  });

  app.delete('/categories/:id', {
    schema: {
      tags: ['categories'],
      summary: 'Delete a category (admins); one that entries use is archived instead',
      params: IdParamsSchema,
      response: { 200: CategoryDeleteResultSchema },
    },
    config: { access: { roles: ['ADMIN'] } },
  }, async (request) => {
    const result = await deleteCategory({ db: request.db, id: request.params.id });
    app.events.publish(request.auth.orgId, { type: 'settings.changed', what: 'categories' });
    return result;
  });

  app.post('/categories/:id/restore', {
    schema: {
      tags: ['categories'],
      summary: 'Restore an archived category (admins)',
      params: IdParamsSchema,
      response: { 200: CategorySchema },
    },
    config: { access: { roles: ['ADMIN'] } },
  }, async (request) => {
    const category = await restoreCategory({ db: request.db, id: request.params.id });
    app.events.publish(request.auth.orgId, { type: 'settings.changed', what: 'categories' });
    return category;
  });
}
