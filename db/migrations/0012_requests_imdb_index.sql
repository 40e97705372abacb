-- A Sonarr/Radarr delivery finds its request by any provider id it carries (tmdb, tvdb or imdb, one OR arm each):
-- without an index on imdb_id the whole OR fell back to reading every request of that media type, a cost that grew
-- with the library on every delivery.
CREATE INDEX "requests_imdb_idx" ON "requests" USING btree ("media_type","imdb_id");
