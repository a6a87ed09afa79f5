/**
 * The bundled Chinese working-day calendar (工作日历), in the JSON format a replacement file uses
 * (`WORKING_CALENDAR_FILE`, see README "Deadlines"). Weekends are not listed: Saturday and Sunday
 * are rest days unless named in `makeUpWorkdays` (调休上班). `holidays` lists every day off of each
 * official holiday period, weekend days inside the period included.
 *
 * 2026: 国务院办公厅关于2026年部分节假日安排的通知（国务院办公厅 2025年11月4日，新华社同日发布）.
 * 2027: the State Council's arrangement is not in this file (not published when it was written):
 * `published: false`, no holidays and no make-up days — only weekends are rest days, and nothing is
 * guessed. The AUTHORITY replaces the file once the notice is out.
 */
export const BUNDLED_WORKING_CALENDAR_JSON = `{
  "name": "中国法定节假日及调休安排",
  "years": {
    "2026": {
      "published": true,
      "source": "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
      "holidays": [
        "2026-01-01", "2026-01-02", "2026-01-03",
        "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
        "2026-04-04", "2026-04-05", "2026-04-06",
        "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
        "2026-06-19", "2026-06-20", "2026-06-21",
        "2026-09-25", "2026-09-26", "2026-09-27",
        "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"
      ],
      "makeUpWorkdays": ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
    },
    "2027": {
      "published": false,
      "source": "国务院办公厅2027年节假日安排尚未收录：仅按周末计算，待主管部门更新本文件 (the 2027 arrangement is not in this file: weekends only until the AUTHORITY updates it)",
      "holidays": [],
      "makeUpWorkdays": []
    }
  }
}
`;
