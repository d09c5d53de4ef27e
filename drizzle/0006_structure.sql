CREATE TYPE "public"."body_kind" AS ENUM('standing_group', 'theme_group', 'working_group', 'network', 'council');--> statement-breakpoint
CREATE TYPE "public"."body_level" AS ENUM('political', 'strategic', 'operational', 'local');--> statement-breakpoint
CREATE TYPE "public"."body_role" AS ENUM('chair', 'vice_chair', 'secretary', 'process_leader', 'convenor', 'member', 'substitute', 'adjunct', 'expert', 'reader');--> statement-breakpoint
CREATE TYPE "public"."structure_category_kind" AS ENUM('goal_area', 'target_group');--> statement-breakpoint
CREATE TYPE "public"."chair_kind_rule" AS ENUM('any', 'alternate', 'follow_body');--> statement-breakpoint
CREATE TYPE "public"."meeting_period" AS ENUM('year', 'termin');--> statement-breakpoint
CREATE TYPE "public"."minutes_kind" AS ENUM('protocol', 'notes');--> statement-breakpoint
CREATE TYPE "public"."seat_representation" AS ENUM('principal', 'organisation', 'principal_group', 'function');--> statement-breakpoint
CREATE TABLE "bodies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"parent_id" uuid,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"sort_key" text COLLATE "C" NOT NULL,
	"level" "body_level" NOT NULL,
	"kind" "body_kind" NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"minutes_kind" "minutes_kind" DEFAULT 'notes' NOT NULL,
	"substitutes_allowed" boolean DEFAULT true NOT NULL,
	"size_min" integer,
	"size_max" integer,
	"meetings_min" integer,
	"meetings_max" integer,
	"meetings_per" "meeting_period" DEFAULT 'year' NOT NULL,
	"physical_meetings_min_per_year" integer,
	"joint_meetings_with_sub_bodies_per_year" integer,
	"active_from" date NOT NULL,
	"active_to" date,
	"chair_period_months" integer,
	"chair_period_anchor" date,
	"chair_kind_rule" "chair_kind_rule" DEFAULT 'any' NOT NULL,
	"chair_first_kind" "principal_kind",
	"chair_follows_body_id" uuid,
	"vice_chair_other_kind" boolean DEFAULT false NOT NULL,
	"chair_reminder_days" integer DEFAULT 60 NOT NULL,
	"call_opens_days" integer DEFAULT 14 NOT NULL,
	"submission_deadline_days" integer DEFAULT 7 NOT NULL,
	"agenda_publish_days" integer DEFAULT 5 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "bodies_active_period_ck" CHECK ("bodies"."active_to" is null or "bodies"."active_to" >= "bodies"."active_from"),
	CONSTRAINT "bodies_size_ck" CHECK ("bodies"."size_min" is null or "bodies"."size_max" is null or "bodies"."size_min" <= "bodies"."size_max"),
	CONSTRAINT "bodies_meetings_ck" CHECK ("bodies"."meetings_min" is null or "bodies"."meetings_max" is null or "bodies"."meetings_min" <= "bodies"."meetings_max"),
	CONSTRAINT "bodies_not_own_parent_ck" CHECK ("bodies"."parent_id" is null or "bodies"."parent_id" <> "bodies"."id")
);
--> statement-breakpoint
CREATE TABLE "contact_surfaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sort_key" text COLLATE "C" NOT NULL,
	"description" text,
	"distribution_list" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mandate_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"purpose" text NOT NULL,
	"tasks" text DEFAULT '' NOT NULL,
	"responsibilities" text DEFAULT '' NOT NULL,
	"ways_of_working" text DEFAULT '' NOT NULL,
	"valid_from" date NOT NULL,
	"approved_on" date NOT NULL,
	"approved_by_body_id" uuid,
	"approved_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"seat_id" uuid,
	"role" "body_role" NOT NULL,
	"substitute_for_membership_id" uuid,
	"organisation_id" uuid,
	"reason" text,
	"start_on" date NOT NULL,
	"end_on" date,
	"ex_officio" boolean DEFAULT false NOT NULL,
	"ex_officio_source_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "memberships_period_ck" CHECK ("memberships"."end_on" is null or "memberships"."end_on" >= "memberships"."start_on")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"principal_id" uuid NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"short_name" text,
	"sort_key" text COLLATE "C" NOT NULL,
	"distribution_list" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seat_principals" (
	"seat_id" uuid NOT NULL,
	"principal_id" uuid NOT NULL,
	CONSTRAINT "seat_principals_seat_id_principal_id_pk" PRIMARY KEY("seat_id","principal_id")
);
--> statement-breakpoint
CREATE TABLE "seats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"function" text NOT NULL,
	"sort_key" text COLLATE "C" NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"representation" "seat_representation" NOT NULL,
	"principal_id" uuid,
	"organisation_id" uuid,
	"group_label" text,
	"principal_kind" "principal_kind",
	"contact_surface_id" uuid,
	"ex_officio_body_id" uuid,
	"ex_officio_role" "body_role",
	"created_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "seats_period_ck" CHECK ("seats"."ended_on" is null or "seats"."ended_on" >= "seats"."created_on")
);
--> statement-breakpoint
CREATE TABLE "structure_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"kind" "structure_category_kind" NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"cross_cutting" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "structure_principals" (
	"structure_id" uuid NOT NULL,
	"principal_id" uuid NOT NULL,
	CONSTRAINT "structure_principals_structure_id_principal_id_pk" PRIMARY KEY("structure_id","principal_id")
);
--> statement-breakpoint
CREATE TABLE "structures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"sort_key" text COLLATE "C" NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "principals" ADD COLUMN "distribution_list" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "principals" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_parent_id_bodies_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_chair_follows_body_id_bodies_id_fk" FOREIGN KEY ("chair_follows_body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_surfaces" ADD CONSTRAINT "contact_surfaces_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_versions" ADD CONSTRAINT "mandate_versions_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_versions" ADD CONSTRAINT "mandate_versions_approved_by_body_id_bodies_id_fk" FOREIGN KEY ("approved_by_body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandate_versions" ADD CONSTRAINT "mandate_versions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_substitute_for_membership_id_memberships_id_fk" FOREIGN KEY ("substitute_for_membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_ex_officio_source_id_memberships_id_fk" FOREIGN KEY ("ex_officio_source_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_parent_id_organisations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_principals" ADD CONSTRAINT "seat_principals_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_principals" ADD CONSTRAINT "seat_principals_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_contact_surface_id_contact_surfaces_id_fk" FOREIGN KEY ("contact_surface_id") REFERENCES "public"."contact_surfaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_ex_officio_body_id_bodies_id_fk" FOREIGN KEY ("ex_officio_body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "structure_categories" ADD CONSTRAINT "structure_categories_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "structure_principals" ADD CONSTRAINT "structure_principals_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "structure_principals" ADD CONSTRAINT "structure_principals_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bodies_structure_slug_uq" ON "bodies" USING btree ("structure_id","slug");--> statement-breakpoint
CREATE INDEX "bodies_structure_sort_idx" ON "bodies" USING btree ("structure_id","sort_key","id");--> statement-breakpoint
CREATE INDEX "bodies_parent_idx" ON "bodies" USING btree ("parent_id","sort_key");--> statement-breakpoint
CREATE INDEX "bodies_follows_idx" ON "bodies" USING btree ("chair_follows_body_id");--> statement-breakpoint
CREATE INDEX "contact_surfaces_structure_idx" ON "contact_surfaces" USING btree ("structure_id","sort_key","id");--> statement-breakpoint
CREATE UNIQUE INDEX "mandate_versions_body_number_uq" ON "mandate_versions" USING btree ("body_id","number");--> statement-breakpoint
CREATE INDEX "memberships_body_idx" ON "memberships" USING btree ("body_id","end_on");--> statement-breakpoint
CREATE INDEX "memberships_person_idx" ON "memberships" USING btree ("person_id","end_on");--> statement-breakpoint
CREATE INDEX "memberships_seat_idx" ON "memberships" USING btree ("seat_id");--> statement-breakpoint
CREATE INDEX "memberships_source_idx" ON "memberships" USING btree ("ex_officio_source_id");--> statement-breakpoint
CREATE INDEX "memberships_substitute_for_idx" ON "memberships" USING btree ("substitute_for_membership_id");--> statement-breakpoint
CREATE INDEX "organisations_principal_idx" ON "organisations" USING btree ("principal_id","sort_key","id");--> statement-breakpoint
CREATE INDEX "organisations_parent_idx" ON "organisations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "organisations_sort_idx" ON "organisations" USING btree ("sort_key","id");--> statement-breakpoint
CREATE INDEX "seats_body_idx" ON "seats" USING btree ("body_id","position","sort_key");--> statement-breakpoint
CREATE INDEX "seats_ex_officio_idx" ON "seats" USING btree ("ex_officio_body_id");--> statement-breakpoint
CREATE INDEX "structure_categories_structure_idx" ON "structure_categories" USING btree ("structure_id","kind","position");--> statement-breakpoint
CREATE INDEX "structure_principals_principal_idx" ON "structure_principals" USING btree ("principal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "structures_slug_uq" ON "structures" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "structures_sort_idx" ON "structures" USING btree ("sort_key","id");