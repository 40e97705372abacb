-- How each member wants the portal to look (the theme, for now), keyed like notify_members by lower-case name.
CREATE TABLE "member_preferences" (
	"name_key" text PRIMARY KEY NOT NULL,
	"theme" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_preferences_theme_check" CHECK ("theme" IN ('dark', 'light'))
);
