CREATE TYPE "public"."action_item_status" AS ENUM('open', 'done');--> statement-breakpoint
CREATE TYPE "public"."approver_role" AS ENUM('chair', 'adjuster');--> statement-breakpoint
CREATE TYPE "public"."decision_follow_up_status" AS ENUM('none', 'open', 'done');--> statement-breakpoint
CREATE TYPE "public"."minute_outcome" AS ENUM('approved', 'rejected', 'amended', 'tabled', 'sent_back', 'filed', 'concluded_no_decision', 'noted');--> statement-breakpoint
CREATE TYPE "public"."minutes_status" AS ENUM('draft', 'in_approval', 'approved', 'final');--> statement-breakpoint
CREATE TABLE "action_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"minute_item_id" uuid,
	"decision_id" uuid,
	"case_id" uuid,
	"title" text NOT NULL,
	"owner_person_id" uuid,
	"owner_name" text,
	"due_on" date,
	"status" "action_item_status" DEFAULT 'open' NOT NULL,
	"from_condition" boolean DEFAULT false NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"done_note" text,
	"reminded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minute_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"minutes_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"role" "approver_role" NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"comment" text,
	"commented_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"approved_version" integer,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"meeting_id" uuid NOT NULL,
	"minute_item_id" uuid,
	"decided_on" date NOT NULL,
	"title" text NOT NULL,
	"outcome" "minute_outcome" NOT NULL,
	"text" text NOT NULL,
	"clauses" text[] DEFAULT '{}'::text[] NOT NULL,
	"condition" text,
	"case_id" uuid,
	"case_transition" text,
	"follow_up_status" "decision_follow_up_status" DEFAULT 'none' NOT NULL,
	"internal" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decisions_number_ck" CHECK ("decisions"."number" > 0)
);
--> statement-breakpoint
CREATE TABLE "meeting_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"forward" text,
	"hindered" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minute_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"minutes_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"position" integer NOT NULL,
	"number" text,
	"title" text NOT NULL,
	"presenter_person_id" uuid,
	"presenter_name" text,
	"notes" text,
	"questions" text,
	"proposal" text[] DEFAULT '{}'::text[] NOT NULL,
	"outcome" "minute_outcome",
	"decision_text" text,
	"condition" text,
	"internal" boolean DEFAULT false NOT NULL,
	"case_id" uuid,
	"case_transition" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minute_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"minutes_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" "minutes_status" NOT NULL,
	"canonical" text NOT NULL,
	"sha256" text NOT NULL,
	"approvers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reason" text,
	"locked_by" uuid,
	"locked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minute_versions_sha_ck" CHECK ("minute_versions"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "minutes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"kind" "minutes_kind" NOT NULL,
	"status" "minutes_status" DEFAULT 'draft' NOT NULL,
	"note_takers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"adjuster_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"chair_person_id" uuid,
	"preamble" text,
	"evaluation_summary" text,
	"next_meetings" text,
	"locked_version" integer DEFAULT 0 NOT NULL,
	"approval_deadline" timestamp with time zone,
	"approval_started_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"public_attachment_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"distributed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minutes_distribution" (
	"body_id" uuid PRIMARY KEY NOT NULL,
	"emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_minute_item_id_minute_items_id_fk" FOREIGN KEY ("minute_item_id") REFERENCES "public"."minute_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_done_by_people_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_approvals" ADD CONSTRAINT "minute_approvals_minutes_id_minutes_id_fk" FOREIGN KEY ("minutes_id") REFERENCES "public"."minutes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_approvals" ADD CONSTRAINT "minute_approvals_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_minute_item_id_minute_items_id_fk" FOREIGN KEY ("minute_item_id") REFERENCES "public"."minute_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_evaluations" ADD CONSTRAINT "meeting_evaluations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_evaluations" ADD CONSTRAINT "meeting_evaluations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_items" ADD CONSTRAINT "minute_items_minutes_id_minutes_id_fk" FOREIGN KEY ("minutes_id") REFERENCES "public"."minutes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_items" ADD CONSTRAINT "minute_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_items" ADD CONSTRAINT "minute_items_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_items" ADD CONSTRAINT "minute_items_presenter_person_id_people_id_fk" FOREIGN KEY ("presenter_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_items" ADD CONSTRAINT "minute_items_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_versions" ADD CONSTRAINT "minute_versions_minutes_id_minutes_id_fk" FOREIGN KEY ("minutes_id") REFERENCES "public"."minutes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_versions" ADD CONSTRAINT "minute_versions_locked_by_people_id_fk" FOREIGN KEY ("locked_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_chair_person_id_people_id_fk" FOREIGN KEY ("chair_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_distribution" ADD CONSTRAINT "minutes_distribution_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_items_owner_idx" ON "action_items" USING btree ("owner_person_id","status","due_on");--> statement-breakpoint
CREATE INDEX "action_items_body_idx" ON "action_items" USING btree ("body_id","status");--> statement-breakpoint
CREATE INDEX "action_items_meeting_idx" ON "action_items" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "action_items_decision_idx" ON "action_items" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "action_items_due_idx" ON "action_items" USING btree ("status","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "minute_approvals_round_person_uq" ON "minute_approvals" USING btree ("minutes_id","round","person_id");--> statement-breakpoint
CREATE INDEX "minute_approvals_person_idx" ON "minute_approvals" USING btree ("person_id","approved_at");--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_body_year_number_uq" ON "decisions" USING btree ("body_id","year","number");--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_minute_item_uq" ON "decisions" USING btree ("minute_item_id");--> statement-breakpoint
CREATE INDEX "decisions_structure_idx" ON "decisions" USING btree ("structure_id","decided_on");--> statement-breakpoint
CREATE INDEX "decisions_meeting_idx" ON "decisions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "decisions_case_idx" ON "decisions" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_evaluations_meeting_person_uq" ON "meeting_evaluations" USING btree ("meeting_id","person_id");--> statement-breakpoint
CREATE INDEX "minute_items_minutes_idx" ON "minute_items" USING btree ("minutes_id","position");--> statement-breakpoint
CREATE INDEX "minute_items_meeting_idx" ON "minute_items" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "minute_items_agenda_item_uq" ON "minute_items" USING btree ("agenda_item_id");--> statement-breakpoint
CREATE INDEX "minute_items_case_idx" ON "minute_items" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "minute_versions_number_uq" ON "minute_versions" USING btree ("minutes_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "minutes_meeting_uq" ON "minutes" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "minutes_body_idx" ON "minutes" USING btree ("body_id","status");--> statement-breakpoint
CREATE INDEX "minutes_structure_idx" ON "minutes" USING btree ("structure_id");