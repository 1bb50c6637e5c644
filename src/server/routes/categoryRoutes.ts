import type { Hono } from "hono";
import { z } from "zod";
import {
  CategoryInput,
  CategoryPatch,
  createCategory,
  deleteCategory,
  listCategories,
  updateCategory,
} from "../../commands/categoryEditor.ts";
import type { Db } from "../../store/database.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import { actorOf, requireTriageEditor } from "./triageAccess.ts";

const IdParams = z.object({ id: z.uuid() });
const EDIT = "manage categories";

export function categoryRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/categories",
      summary: "Support categories with their names and keywords per language",
      tag: "categories",
      response: { status: 200 },
    },
    async ({ viewer }, c) => c.json({ items: await listCategories(db, viewer.workspaceId) }),
  );
  apiRoute(
    app,
    {
      method: "post",
      path: "/api/categories",
      summary: "Add a category (key is a slug that never changes)",
      tag: "categories",
      body: CategoryInput,
      response: { status: 201 },
    },
    async ({ body, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json(await createCategory(db, actorOf(viewer), body), 201);
    },
  );
  apiRoute(
    app,
    {
      method: "patch",
      path: "/api/categories/:id",
      summary: "Change a category's names, keywords or position",
      tag: "categories",
      params: IdParams,
      body: CategoryPatch,
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      return c.json(await updateCategory(db, actorOf(viewer), params.id, body));
    },
  );
  apiRoute(
    app,
    {
      method: "delete",
      path: "/api/categories/:id",
      summary: "Delete a category (refused while a rule uses it)",
      tag: "categories",
      params: IdParams,
      response: { status: 204 },
    },
    async ({ params, viewer }, c) => {
      requireTriageEditor(viewer, EDIT);
      await deleteCategory(db, actorOf(viewer), params.id);
      return c.body(null, 204);
    },
  );
}
