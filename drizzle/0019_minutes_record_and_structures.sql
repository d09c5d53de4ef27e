ALTER TYPE "public"."chair_kind_rule" ADD VALUE 'rotate';--> statement-breakpoint
CREATE TABLE "body_commissioners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"commissioner_body_id" uuid,
	"principal_id" uuid,
	"name" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "body_commissioners_one_ck" CHECK (num_nonnulls("body_commissioners"."commissioner_body_id", "body_commissioners"."principal_id", "body_commissioners"."name") = 1),
	CONSTRAINT "body_commissioners_not_self_ck" CHECK ("body_commissioners"."commissioner_body_id" is null or "body_commissioners"."commissioner_body_id" <> "body_commissioners"."body_id")
);
--> statement-breakpoint
CREATE TABLE "principal_kinds" (
	"key" text PRIMARY KEY NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "principal_kinds_key_ck" CHECK ("principal_kinds"."key" ~ '^[a-z0-9][a-z0-9_-]{0,39}$')
);
--> statement-breakpoint
INSERT INTO "principal_kinds" ("key", "name_sv", "name_en", "position", "built_in") VALUES ('region', 'Region', 'Region', 1, true), ('municipality', 'Kommun', 'Municipality', 2, true), ('other', 'Annan', 'Other', 3, true);--> statement-breakpoint
ALTER TABLE "bodies" ALTER COLUMN "chair_first_kind" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "principals" ALTER COLUMN "kind" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "seats" ALTER COLUMN "principal_kind" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "body_id" uuid;--> statement-breakpoint
UPDATE "audit_log" SET "body_id" = CASE WHEN "object_type" = 'body' THEN "object_id" ELSE coalesce("after"->>'bodyId', "before"->>'bodyId') END::uuid WHERE ("object_type" = 'body' AND "object_id" ~ '^[0-9a-f-]{36}$') OR (coalesce("after"->>'bodyId', "before"->>'bodyId') ~ '^[0-9a-f-]{36}$');--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "chair_rotation" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "manages_sub_bodies" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "paragraph_numbering" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "presenters" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "digital" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "times_known" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "minute_items" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "minute_items" ADD COLUMN "paragraph" integer;--> statement-breakpoint
ALTER TABLE "minute_items" ADD COLUMN "presenters" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
UPDATE "agenda_items" SET "presenters" = jsonb_build_array(jsonb_build_object('personId', "presenter_person_id", 'name', coalesce("presenter_name", (SELECT "name" FROM "people" WHERE "id" = "agenda_items"."presenter_person_id"), ''), 'organisation', NULL)) WHERE "presenter_person_id" IS NOT NULL OR "presenter_name" IS NOT NULL;--> statement-breakpoint
UPDATE "minute_items" SET "presenters" = jsonb_build_array(jsonb_build_object('personId', "presenter_person_id", 'name', coalesce("presenter_name", (SELECT "name" FROM "people" WHERE "id" = "minute_items"."presenter_person_id"), ''), 'organisation', NULL)) WHERE "presenter_person_id" IS NOT NULL OR "presenter_name" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "body_commissioners" ADD CONSTRAINT "body_commissioners_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_commissioners" ADD CONSTRAINT "body_commissioners_commissioner_body_id_bodies_id_fk" FOREIGN KEY ("commissioner_body_id") REFERENCES "public"."bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_commissioners" ADD CONSTRAINT "body_commissioners_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "body_commissioners_body_idx" ON "body_commissioners" USING btree ("body_id","position");--> statement-breakpoint
CREATE INDEX "body_commissioners_commissioner_idx" ON "body_commissioners" USING btree ("commissioner_body_id");--> statement-breakpoint
CREATE INDEX "principal_kinds_position_idx" ON "principal_kinds" USING btree ("position","key");--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_chair_first_kind_principal_kinds_key_fk" FOREIGN KEY ("chair_first_kind") REFERENCES "public"."principal_kinds"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "principals" ADD CONSTRAINT "principals_kind_principal_kinds_key_fk" FOREIGN KEY ("kind") REFERENCES "public"."principal_kinds"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_principal_kind_principal_kinds_key_fk" FOREIGN KEY ("principal_kind") REFERENCES "public"."principal_kinds"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_parent_id_agenda_items_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_items" ADD CONSTRAINT "minute_items_parent_id_minute_items_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."minute_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_body_idx" ON "audit_log" USING btree ("body_id","id");--> statement-breakpoint
CREATE INDEX "agenda_items_parent_idx" ON "agenda_items" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "minute_items_parent_idx" ON "minute_items" USING btree ("parent_id");--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_not_own_parent_ck" CHECK ("agenda_items"."parent_id" is null or "agenda_items"."parent_id" <> "agenda_items"."id");--> statement-breakpoint
ALTER TABLE "minute_items" ADD CONSTRAINT "minute_items_not_own_parent_ck" CHECK ("minute_items"."parent_id" is null or "minute_items"."parent_id" <> "minute_items"."id");--> statement-breakpoint
DROP TYPE "public"."principal_kind";
