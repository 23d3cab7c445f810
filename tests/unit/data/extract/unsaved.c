/* unsaved.c — on disk it calls nothing; test_extract_parse.c parses it with an
 * unsaved buffer standing for it, as an editor would. */
void entry(void)
{
}
