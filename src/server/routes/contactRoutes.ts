import type { Hono } from "hono";
import { z } from "zod";
import {
  addContactNote,
  deleteContactNote,
  editContact,
  editContactNote,
} from "../../commands/contactEditor.ts";
import { eraseContact } from "../../commands/contactEraser.ts";
import { exportContact } from "../../commands/contactExporter.ts";
import { mergeContacts } from "../../commands/contactMerger.ts";
import { unmergeContacts } from "../../commands/contactUnmerger.ts";
import { canExportOrEraseContacts } from "../../domain/roles.ts";
import type { Db } from "../../store/database.ts";
import { type AppEnv, apiRoute } from "../apiRoute.ts";
import {
  contactProfile,
  contactSuggestions,
  dismissSuggestion,
  findContacts,
  getVisibleContact,
} from "../contactQueries.ts";
import { forbidden } from "../httpError.ts";

const IdParams = z.object({ id: z.uuid() });
const Tag = z.string().trim().min(1).max(40);

export function contactRoutes(app: Hono<AppEnv>, db: Db): void {
  apiRoute(
    app,
    {
      method: "get",
      path: "/api/contacts",
      summary: "Find contacts by name (the merge picker)",
      tag: "contacts",
      query: z.object({ q: z.string().trim().min(1).max(100) }),
      response: { status: 200 },
    },
    async ({ query, viewer }, c) => c.json({ items: await findContacts(db, viewer, query.q) }),
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/contacts/:id",
      summary: "A person: identities on every platform, notes, tags, merges and every conversation",
      tag: "contacts",
      params: IdParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => c.json(await contactProfile(db, viewer, params.id)),
  );

  apiRoute(
    app,
    {
      method: "patch",
      path: "/api/contacts/:id",
      summary: "Edit a contact's name, tags, phone or e-mail",
      tag: "contacts",
      params: IdParams,
      body: z.object({
        displayName: z.string().trim().min(1).max(200).optional(),
        tags: z.array(Tag).max(50).optional(),
        phone: z.string().max(40).nullable().optional(),
        email: z.string().max(200).nullable().optional(),
      }),
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      await getVisibleContact(db, viewer, params.id);
      await editContact(db, viewer, params.id, body);
      return c.json(await contactProfile(db, viewer, params.id));
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/contacts/:id/suggestions",
      summary: "Contacts that may be the same person (phone, e-mail, username, name), best first",
      tag: "contacts",
      params: IdParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => c.json({ items: await contactSuggestions(db, viewer, params.id) }),
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/contacts/:id/suggestions/:otherId/dismiss",
      summary: "Not the same person: stop suggesting this pair",
      tag: "contacts",
      params: z.object({ id: z.uuid(), otherId: z.uuid() }),
      response: { status: 204 },
    },
    async ({ params, viewer }, c) => {
      await dismissSuggestion(db, viewer, params.id, params.otherId);
      return c.body(null, 204);
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/contact-merges",
      summary: "Merge one contact into another (identities, conversations and notes move; undoable)",
      tag: "contacts",
      body: z.object({ sourceContactId: z.uuid(), targetContactId: z.uuid() }),
      response: { status: 201 },
    },
    async ({ body, viewer }, c) => {
      if (body.sourceContactId !== body.targetContactId) {
        await getVisibleContact(db, viewer, body.sourceContactId);
        await getVisibleContact(db, viewer, body.targetContactId);
      }
      const merge = await mergeContacts(db, viewer, body.sourceContactId, body.targetContactId, c.get("ip"));
      return c.json({ merge, contact: await contactProfile(db, viewer, body.targetContactId) }, 201);
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/contact-merges/:id/unmerge",
      summary: "Undo a merge: everything that moved goes back",
      tag: "contacts",
      params: IdParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => c.json(await unmergeContacts(db, viewer, params.id, c.get("ip"))),
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/contacts/:id/notes",
      summary: "Add a note about the person",
      tag: "contacts",
      params: IdParams,
      body: z.object({ text: z.string().trim().min(1).max(10_000) }),
      response: { status: 201 },
    },
    async ({ params, body, viewer }, c) => {
      const contact = await getVisibleContact(db, viewer, params.id);
      const note = await addContactNote(db, viewer, contact.mergedIntoId ?? contact.id, body.text);
      return c.json({ note }, 201);
    },
  );

  apiRoute(
    app,
    {
      method: "patch",
      path: "/api/contact-notes/:id",
      summary: "Edit a note (its author, supervisors and admins)",
      tag: "contacts",
      params: IdParams,
      body: z.object({ text: z.string().trim().min(1).max(10_000) }),
      response: { status: 200 },
    },
    async ({ params, body, viewer }, c) => {
      const contactId = await editContactNote(db, viewer, params.id, body.text);
      return c.json(await contactProfile(db, viewer, contactId));
    },
  );

  apiRoute(
    app,
    {
      method: "delete",
      path: "/api/contact-notes/:id",
      summary: "Delete a note (its author, supervisors and admins)",
      tag: "contacts",
      params: IdParams,
      response: { status: 204 },
    },
    async ({ params, viewer }, c) => {
      await deleteContactNote(db, viewer, params.id);
      return c.body(null, 204);
    },
  );

  apiRoute(
    app,
    {
      method: "get",
      path: "/api/contacts/:id/export",
      summary: "Everything held about the person, as a JSON download (supervisors and admins; audited)",
      tag: "contacts",
      params: IdParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => {
      if (!canExportOrEraseContacts(viewer))
        throw forbidden("Only supervisors and admins export a person's data");
      const data = await exportContact(db, viewer, params.id, c.get("ip"));
      c.header("Content-Disposition", `attachment; filename="contact-${data.contact.id}.json"`);
      return c.json(data);
    },
  );

  apiRoute(
    app,
    {
      method: "post",
      path: "/api/contacts/:id/erase",
      summary: "Erase the person's personal data and message texts (supervisors and admins; audited)",
      tag: "contacts",
      params: IdParams,
      response: { status: 200 },
    },
    async ({ params, viewer }, c) => {
      if (!canExportOrEraseContacts(viewer))
        throw forbidden("Only supervisors and admins erase a person's data");
      await getVisibleContact(db, viewer, params.id);
      return c.json({ erased: await eraseContact(db, viewer, params.id, c.get("ip")) });
    },
  );
}
