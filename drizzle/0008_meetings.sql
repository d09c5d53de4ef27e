CREATE TYPE "public"."agenda_item_kind" AS ENUM('formal', 'information', 'discussion', 'decision', 'feedback', 'for_knowledge', 'break', 'other');--> statement-breakpoint
CREATE TYPE "public"."agenda_item_outcome" AS ENUM('handled', 'unfinished', 'tabled');--> statement-breakpoint
CREATE TYPE "public"."agenda_item_source" AS ENUM('template', 'submission', 'previous_unfinished', 'tabled', 'status_report', 'secretary');--> statement-breakpoint
CREATE TYPE "public"."attendance_status" AS ENUM('expected', 'present', 'absent', 'excused');--> statement-breakpoint
CREATE TYPE "public"."meeting_format" AS ENUM('physical', 'digital', 'hybrid');--> statement-breakpoint
CREATE TYPE "public"."meeting_status" AS ENUM('planned', 'called', 'held', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."item_submission_status" AS ENUM('proposed', 'accepted', 'merged', 'declined');--> statement-breakpoint
CREATE TABLE "absence_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"views" text,
	"item_views" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"substitute_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"section" text,
	"number" text,
	"title" text NOT NULL,
	"description" text,
	"kind" "agenda_item_kind" DEFAULT 'information' NOT NULL,
	"presenter_person_id" uuid,
	"presenter_name" text,
	"duration_minutes" integer,
	"fixed_start_at" timestamp with time zone,
	"source" "agenda_item_source" DEFAULT 'secretary' NOT NULL,
	"source_ref" text,
	"case_id" uuid,
	"internal" boolean DEFAULT false NOT NULL,
	"outcome" "agenda_item_outcome",
	"changed_after_publish_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_items_duration_ck" CHECK ("agenda_items"."duration_minutes" is null or ("agenda_items"."duration_minutes" >= 0 and "agenda_items"."duration_minutes" <= 1440))
);
--> statement-breakpoint
CREATE TABLE "agenda_template_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"section" text,
	"title" text NOT NULL,
	"kind" "agenda_item_kind" DEFAULT 'formal' NOT NULL,
	"duration_minutes" integer
);
--> statement-breakpoint
CREATE TABLE "meeting_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"item_id" uuid,
	"submission_id" uuid,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_attachments_size_ck" CHECK ("meeting_attachments"."size" >= 0 and "meeting_attachments"."size" <= 10485760)
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"membership_id" uuid,
	"person_id" uuid,
	"guest_name" text,
	"seat_id" uuid,
	"status" "attendance_status" DEFAULT 'expected' NOT NULL,
	"substitute_for_person_id" uuid,
	"views_in_advance" text,
	"guest" boolean DEFAULT false NOT NULL,
	"adjunct" boolean DEFAULT false NOT NULL,
	"organisation_label" text,
	"called_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_who_ck" CHECK ("attendance"."person_id" is not null or "attendance"."guest_name" is not null)
);
--> statement-breakpoint
CREATE TABLE "agenda_dismissed_proposals" (
	"meeting_id" uuid NOT NULL,
	"source_id" text NOT NULL,
	"proposal_key" text NOT NULL,
	"dismissed_by" uuid,
	"dismissed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_dismissed_proposals_meeting_id_source_id_proposal_key_pk" PRIMARY KEY("meeting_id","source_id","proposal_key")
);
--> statement-breakpoint
CREATE TABLE "item_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"submitted_by" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"kind" "agenda_item_kind" DEFAULT 'information' NOT NULL,
	"presenter_person_id" uuid,
	"presenter_name" text,
	"wished_minutes" integer,
	"status" "item_submission_status" DEFAULT 'proposed' NOT NULL,
	"reply" text,
	"merged_into_item_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_submissions_minutes_ck" CHECK ("item_submissions"."wished_minutes" is null or ("item_submissions"."wished_minutes" >= 0 and "item_submissions"."wished_minutes" <= 1440))
);
--> statement-breakpoint
CREATE TABLE "meeting_bodies" (
	"meeting_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	CONSTRAINT "meeting_bodies_meeting_id_body_id_pk" PRIMARY KEY("meeting_id","body_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"format" "meeting_format" DEFAULT 'physical' NOT NULL,
	"address" text,
	"room" text,
	"link" text,
	"notes" text,
	"status" "meeting_status" DEFAULT 'planned' NOT NULL,
	"is_joint" boolean DEFAULT false NOT NULL,
	"registered_afterwards" boolean DEFAULT false NOT NULL,
	"call_opens_on" timestamp with time zone,
	"submission_deadline" timestamp with time zone,
	"agenda_publish_on" timestamp with time zone,
	"agenda_published_at" timestamp with time zone,
	"changed_after_publish_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"uid" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "meetings_period_ck" CHECK ("meetings"."ends_at" > "meetings"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "absence_reports" ADD CONSTRAINT "absence_reports_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_reports" ADD CONSTRAINT "absence_reports_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_reports" ADD CONSTRAINT "absence_reports_substitute_person_id_people_id_fk" FOREIGN KEY ("substitute_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_presenter_person_id_people_id_fk" FOREIGN KEY ("presenter_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_template_items" ADD CONSTRAINT "agenda_template_items_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attachments" ADD CONSTRAINT "meeting_attachments_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attachments" ADD CONSTRAINT "meeting_attachments_item_id_agenda_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attachments" ADD CONSTRAINT "meeting_attachments_submission_id_item_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."item_submissions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attachments" ADD CONSTRAINT "meeting_attachments_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_substitute_for_person_id_people_id_fk" FOREIGN KEY ("substitute_for_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_dismissed_proposals" ADD CONSTRAINT "agenda_dismissed_proposals_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_dismissed_proposals" ADD CONSTRAINT "agenda_dismissed_proposals_dismissed_by_people_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_submissions" ADD CONSTRAINT "item_submissions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_submissions" ADD CONSTRAINT "item_submissions_submitted_by_people_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_submissions" ADD CONSTRAINT "item_submissions_presenter_person_id_people_id_fk" FOREIGN KEY ("presenter_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_submissions" ADD CONSTRAINT "item_submissions_merged_into_item_id_agenda_items_id_fk" FOREIGN KEY ("merged_into_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_submissions" ADD CONSTRAINT "item_submissions_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_bodies" ADD CONSTRAINT "meeting_bodies_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_bodies" ADD CONSTRAINT "meeting_bodies_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "absence_reports_meeting_person_uq" ON "absence_reports" USING btree ("meeting_id","person_id");--> statement-breakpoint
CREATE INDEX "agenda_items_meeting_idx" ON "agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "agenda_items_case_idx" ON "agenda_items" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "agenda_template_items_body_idx" ON "agenda_template_items" USING btree ("body_id","position");--> statement-breakpoint
CREATE INDEX "meeting_attachments_meeting_idx" ON "meeting_attachments" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_attachments_item_idx" ON "meeting_attachments" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "meeting_attachments_submission_idx" ON "meeting_attachments" USING btree ("submission_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_meeting_person_uq" ON "attendance" USING btree ("meeting_id","person_id");--> statement-breakpoint
CREATE INDEX "attendance_person_idx" ON "attendance" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "item_submissions_meeting_idx" ON "item_submissions" USING btree ("meeting_id","created_at");--> statement-breakpoint
CREATE INDEX "item_submissions_person_idx" ON "item_submissions" USING btree ("submitted_by");--> statement-breakpoint
CREATE INDEX "meeting_bodies_body_idx" ON "meeting_bodies" USING btree ("body_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_uid_uq" ON "meetings" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "meetings_body_starts_idx" ON "meetings" USING btree ("body_id","starts_at","id");--> statement-breakpoint
CREATE INDEX "meetings_structure_starts_idx" ON "meetings" USING btree ("structure_id","starts_at","id");--> statement-breakpoint
CREATE INDEX "meetings_starts_idx" ON "meetings" USING btree ("starts_at");