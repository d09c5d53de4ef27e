CREATE TYPE "public"."principal_kind" AS ENUM('region', 'municipality', 'other');--> statement-breakpoint
CREATE TABLE "principals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "principal_kind" NOT NULL,
	"sort_key" text COLLATE "C" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "principals_sort_idx" ON "principals" USING btree ("sort_key","id");