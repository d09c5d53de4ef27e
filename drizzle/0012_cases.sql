CREATE TYPE "public"."adoption_status" AS ENUM('pending', 'adopted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."anchoring_position" AS ENUM('supports', 'supports_with_changes', 'objects');--> statement-breakpoint
CREATE TYPE "public"."case_link_kind" AS ENUM('document', 'meeting', 'decision', 'case');--> statement-breakpoint
CREATE TYPE "public"."case_state" AS ENUM('raised', 'on_agenda', 'waiting', 'returned', 'accepted', 'working_group', 'assigned', 'in_progress', 'anchoring', 'prepared', 'recommended', 'no_change', 'implementation', 'follow_up', 'closed', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."directive_status" AS ENUM('draft', 'issued');--> statement-breakpoint
CREATE TYPE "public"."case_notice_kind" AS ENUM('implementation', 'no_change', 'answer');--> statement-breakpoint
CREATE TYPE "public"."traffic_light" AS ENUM('not_started', 'green', 'yellow', 'red', 'done');--> statement-breakpoint
CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"case_id" uuid,
	"title" text NOT NULL,
	"description" text,
	"goal_area_id" uuid,
	"owner_person_id" uuid,
	"owner_name" text,
	"start_on" date,
	"end_on" date,
	"status" "traffic_light" DEFAULT 'not_started' NOT NULL,
	"waiting" boolean DEFAULT false NOT NULL,
	"carried_from_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "activities_period_ck" CHECK ("activities"."end_on" is null or "activities"."start_on" is null or "activities"."end_on" >= "activities"."start_on")
);
--> statement-breakpoint
CREATE TABLE "case_adoptions" (
	"case_id" uuid NOT NULL,
	"principal_id" uuid NOT NULL,
	"status" "adoption_status" DEFAULT 'pending' NOT NULL,
	"committee" text,
	"decided_on" date,
	"reference" text,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	CONSTRAINT "case_adoptions_case_id_principal_id_pk" PRIMARY KEY("case_id","principal_id")
);
--> statement-breakpoint
CREATE TABLE "case_anchoring" (
	"case_id" uuid NOT NULL,
	"principal_id" uuid NOT NULL,
	"seat_id" uuid,
	"contact_surface_id" uuid,
	"position" "anchoring_position",
	"feedback" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_anchoring_case_id_principal_id_pk" PRIMARY KEY("case_id","principal_id")
);
--> statement-breakpoint
CREATE TABLE "case_categories" (
	"case_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	CONSTRAINT "case_categories_case_id_category_id_pk" PRIMARY KEY("case_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "case_counters" (
	"structure_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_counters_structure_id_year_pk" PRIMARY KEY("structure_id","year")
);
--> statement-breakpoint
CREATE TABLE "case_directives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"from_body_id" uuid NOT NULL,
	"to_body_id" uuid NOT NULL,
	"short_description" text,
	"background" text,
	"purpose" text,
	"goals" text,
	"expected_result" text,
	"result_management" text,
	"organisation" text,
	"timeline" text,
	"end_date" date,
	"follow_up" text,
	"resources" text,
	"medical_steps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"report_at_meetings" boolean DEFAULT true NOT NULL,
	"report_dates" date[] DEFAULT '{}'::date[] NOT NULL,
	"status" "directive_status" DEFAULT 'draft' NOT NULL,
	"issued_at" timestamp with time zone,
	"issued_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"transition" text NOT NULL,
	"from_state" "case_state" NOT NULL,
	"to_state" "case_state" NOT NULL,
	"body_id" uuid,
	"meeting_id" uuid,
	"decision_id" uuid,
	"note" text,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" "case_link_kind" NOT NULL,
	"target_id" uuid,
	"url" text,
	"label" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_links_target_ck" CHECK (("case_links"."kind" = 'document' and "case_links"."url" is not null) or ("case_links"."kind" <> 'document' and "case_links"."target_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "case_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" "case_notice_kind" NOT NULL,
	"principal_id" uuid,
	"recipients" text[] NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"batch_id" uuid,
	"sent_at" timestamp with time zone NOT NULL,
	"sent_by" uuid
);
--> statement-breakpoint
CREATE TABLE "case_status_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"meeting_id" uuid,
	"due_on" date,
	"reported_on" date NOT NULL,
	"status" "traffic_light" NOT NULL,
	"text" text NOT NULL,
	"reported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"raised_by_person_id" uuid,
	"raised_by_name" text NOT NULL,
	"raised_by_organisation_id" uuid,
	"raised_by_organisation_name" text,
	"raised_on" date NOT NULL,
	"state" "case_state" DEFAULT 'raised' NOT NULL,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"new_medical_task" boolean DEFAULT false NOT NULL,
	"meeting_id" uuid,
	"answer" text,
	"evaluation" text,
	"working_group_body_id" uuid,
	"escalated_to_body_id" uuid,
	"notice_batch_id" uuid,
	"notice_sent_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cases_number_ck" CHECK ("cases"."number" > 0 and "cases"."year" between 2000 and 2200)
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_goal_area_id_structure_categories_id_fk" FOREIGN KEY ("goal_area_id") REFERENCES "public"."structure_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_carried_from_id_activities_id_fk" FOREIGN KEY ("carried_from_id") REFERENCES "public"."activities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_adoptions" ADD CONSTRAINT "case_adoptions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_adoptions" ADD CONSTRAINT "case_adoptions_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_adoptions" ADD CONSTRAINT "case_adoptions_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_anchoring" ADD CONSTRAINT "case_anchoring_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_anchoring" ADD CONSTRAINT "case_anchoring_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_anchoring" ADD CONSTRAINT "case_anchoring_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_anchoring" ADD CONSTRAINT "case_anchoring_contact_surface_id_contact_surfaces_id_fk" FOREIGN KEY ("contact_surface_id") REFERENCES "public"."contact_surfaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_anchoring" ADD CONSTRAINT "case_anchoring_answered_by_people_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_categories" ADD CONSTRAINT "case_categories_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_categories" ADD CONSTRAINT "case_categories_category_id_structure_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."structure_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_counters" ADD CONSTRAINT "case_counters_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_directives" ADD CONSTRAINT "case_directives_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_directives" ADD CONSTRAINT "case_directives_from_body_id_bodies_id_fk" FOREIGN KEY ("from_body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_directives" ADD CONSTRAINT "case_directives_to_body_id_bodies_id_fk" FOREIGN KEY ("to_body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_directives" ADD CONSTRAINT "case_directives_issued_by_people_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_history" ADD CONSTRAINT "case_history_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_history" ADD CONSTRAINT "case_history_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_history" ADD CONSTRAINT "case_history_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_history" ADD CONSTRAINT "case_history_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notices" ADD CONSTRAINT "case_notices_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notices" ADD CONSTRAINT "case_notices_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notices" ADD CONSTRAINT "case_notices_sent_by_people_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_status_reports" ADD CONSTRAINT "case_status_reports_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_status_reports" ADD CONSTRAINT "case_status_reports_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_status_reports" ADD CONSTRAINT "case_status_reports_reported_by_people_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_raised_by_person_id_people_id_fk" FOREIGN KEY ("raised_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_raised_by_organisation_id_organisations_id_fk" FOREIGN KEY ("raised_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_working_group_body_id_bodies_id_fk" FOREIGN KEY ("working_group_body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_escalated_to_body_id_bodies_id_fk" FOREIGN KEY ("escalated_to_body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_body_year_idx" ON "activities" USING btree ("body_id","year","waiting","position");--> statement-breakpoint
CREATE UNIQUE INDEX "activities_case_year_uq" ON "activities" USING btree ("body_id","year","case_id") WHERE case_id is not null;--> statement-breakpoint
CREATE INDEX "activities_case_idx" ON "activities" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "activities_carried_idx" ON "activities" USING btree ("carried_from_id");--> statement-breakpoint
CREATE INDEX "case_anchoring_open_idx" ON "case_anchoring" USING btree ("principal_id") WHERE answered_at is null;--> statement-breakpoint
CREATE INDEX "case_categories_category_idx" ON "case_categories" USING btree ("category_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_directives_case_uq" ON "case_directives" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_directives_to_idx" ON "case_directives" USING btree ("to_body_id");--> statement-breakpoint
CREATE INDEX "case_history_case_idx" ON "case_history" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_links_case_idx" ON "case_links" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_links_target_idx" ON "case_links" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "case_notices_case_idx" ON "case_notices" USING btree ("case_id","sent_at");--> statement-breakpoint
CREATE INDEX "case_status_reports_case_idx" ON "case_status_reports" USING btree ("case_id","reported_on");--> statement-breakpoint
CREATE INDEX "case_status_reports_meeting_idx" ON "case_status_reports" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number_uq" ON "cases" USING btree ("structure_id","year","number");--> statement-breakpoint
CREATE INDEX "cases_structure_state_idx" ON "cases" USING btree ("structure_id","state","year","number");--> statement-breakpoint
CREATE INDEX "cases_body_state_idx" ON "cases" USING btree ("body_id","state","year","number");--> statement-breakpoint
CREATE INDEX "cases_body_number_idx" ON "cases" USING btree ("body_id","year","number");--> statement-breakpoint
CREATE INDEX "cases_raised_by_idx" ON "cases" USING btree ("raised_by_person_id");--> statement-breakpoint
CREATE INDEX "cases_working_group_idx" ON "cases" USING btree ("working_group_body_id");--> statement-breakpoint
CREATE INDEX "cases_escalated_idx" ON "cases" USING btree ("escalated_to_body_id","state");